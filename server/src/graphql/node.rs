//! Global ids (`Film:123`) and the Relay `Node` interface: any object can be fetched again by its
//! id alone with `node(id:)`.

use async_graphql::{Context, ID, Interface, Object, Result};

use super::entities::{
    Award, Budget, Credit, Edition, Festival, Film, Nomination, Person, Section, Selection, Source,
};
use super::error::bad_input;
use super::loaders::{
    AwardKey, BudgetKey, CreditKey, EditionKey, FestivalKey, FilmKey, Loaders, NominationKey,
    PersonKey, SectionKey, SelectionKey, SourceKey,
};

/// What a global id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A festival or ceremony.
    Festival,
    /// An edition.
    Edition,
    /// A section of an edition.
    Section,
    /// A film.
    Film,
    /// A person.
    Person,
    /// A credit.
    Credit,
    /// A selection.
    Selection,
    /// An award.
    Award,
    /// A nomination.
    Nomination,
    /// A budget.
    Budget,
    /// A source.
    Source,
}

const KINDS: [Kind; 11] = [
    Kind::Festival,
    Kind::Edition,
    Kind::Section,
    Kind::Film,
    Kind::Person,
    Kind::Credit,
    Kind::Selection,
    Kind::Award,
    Kind::Nomination,
    Kind::Budget,
    Kind::Source,
];

impl Kind {
    /// The GraphQL type name, which prefixes the id.
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::Festival => "Festival",
            Kind::Edition => "Edition",
            Kind::Section => "Section",
            Kind::Film => "Film",
            Kind::Person => "Person",
            Kind::Credit => "Credit",
            Kind::Selection => "Selection",
            Kind::Award => "Award",
            Kind::Nomination => "Nomination",
            Kind::Budget => "Budget",
            Kind::Source => "Source",
        }
    }

    /// The global id of row `n`.
    pub fn id(self, n: i64) -> ID {
        ID(format!("{}:{n}", self.type_name()))
    }

    /// The row number of an id that must name this kind.
    pub fn parse(self, id: &str) -> Result<i64> {
        match parse_any(id) {
            Ok((kind, n)) if kind == self => Ok(n),
            _ => Err(bad_input(format!(
                "invalid {} id {id:?}: expected `{}:<number>` as the API gives it",
                self.type_name().to_lowercase(),
                self.type_name()
            ))),
        }
    }
}

/// The kind and row number of any global id.
pub fn parse_any(id: &str) -> Result<(Kind, i64)> {
    let malformed =
        || bad_input(format!("invalid id {id:?}: expected `<Type>:<number>` as the API gives it"));
    let (name, n) = id.split_once(':').ok_or_else(malformed)?;
    let kind = KINDS.into_iter().find(|k| k.type_name() == name).ok_or_else(malformed)?;
    match n.parse::<i64>() {
        Ok(n) if n > 0 => Ok((kind, n)),
        _ => Err(malformed()),
    }
}

/// An object with a global id, which `node(id:)` fetches again.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Global id (`Film:123`): `node(id:)` fetches it again."
))]
pub enum Node {
    /// A festival or ceremony.
    Festival(Festival),
    /// An edition.
    Edition(Edition),
    /// A section.
    Section(Section),
    /// A film.
    Film(Film),
    /// A person.
    Person(Person),
    /// A credit.
    Credit(Credit),
    /// A selection.
    Selection(Selection),
    /// An award.
    Award(Award),
    /// A nomination.
    Nomination(Nomination),
    /// A budget.
    Budget(Budget),
    /// A source.
    Source(Source),
}

/// `node(id:)`.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id. A well-formed id that no row has (one deleted since, or
    /// never given) is null, not an error, as Relay's convention has it; a malformed id, or one
    /// naming no type of this API, is a `BAD_USER_INPUT` error.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (kind, n) = parse_any(&id)?;
        let l = ctx.data::<Loaders>()?;
        Ok(match kind {
            Kind::Festival => l.load_one(FestivalKey(n)).await?.map(|m| Festival(m).into()),
            Kind::Edition => l.load_one(EditionKey(n)).await?.map(|m| Edition(m).into()),
            Kind::Section => l.load_one(SectionKey(n)).await?.map(|m| Section(m).into()),
            Kind::Film => l.load_one(FilmKey(n)).await?.map(|m| Film(m).into()),
            Kind::Person => l.load_one(PersonKey(n)).await?.map(|m| Person(m).into()),
            Kind::Credit => l.load_one(CreditKey(n)).await?.map(|m| Credit(m).into()),
            Kind::Selection => l.load_one(SelectionKey(n)).await?.map(|m| Selection(m).into()),
            Kind::Award => l.load_one(AwardKey(n)).await?.map(|m| Award(m).into()),
            Kind::Nomination => l.load_one(NominationKey(n)).await?.map(|m| Nomination(m).into()),
            Kind::Budget => l.load_one(BudgetKey(n)).await?.map(|m| Budget(m).into()),
            Kind::Source => l.load_one(SourceKey(n)).await?.map(|m| Source(m).into()),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_name_their_type_and_parse_back() {
        assert_eq!(Kind::Film.id(42).0, "Film:42");
        assert_eq!(parse_any("Person:7").unwrap(), (Kind::Person, 7));
        assert_eq!(Kind::Film.parse("Film:42").unwrap(), 42);
    }

    #[test]
    fn malformed_or_foreign_ids_are_refused() {
        for bad in ["42", "Film:", "Film:-1", "Film:0", "Spaceship:1", "film:1", ""] {
            assert!(parse_any(bad).is_err(), "{bad}");
        }
        assert!(Kind::Film.parse("Person:1").is_err());
    }
}
