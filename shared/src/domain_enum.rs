//! The `domain_enum!` macro: one declaration gives a closed set of values with its wire name
//! (serde, database text, `FromStr`/`Display`) and, behind features, its SeaORM and GraphQL forms.

/// Declares a domain enum whose variants map to stable snake_case names.
#[macro_export]
macro_rules! domain_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "orm", sea_orm(rs_type = "String", db_type = "Text"))]
        #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $wire)]
                #[cfg_attr(feature = "orm", sea_orm(string_value = $wire))]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable wire name (database text, JSON, CSV, URLs).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok(Self::$variant),)+
                    _ => Err($crate::UnknownValue {
                        kind: stringify!($name),
                        value: s.to_owned(),
                        expected: &[$($wire),+],
                    }),
                }
            }
        }
    };
}

/// A text that names none of a domain enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}: expected one of {}", expected.join(", "))]
pub struct UnknownValue {
    /// The enum that was being parsed.
    pub kind: &'static str,
    /// The text that did not match.
    pub value: String,
    /// The accepted wire names.
    pub expected: &'static [&'static str],
}
