//! Column and constraint shapes the schema repeats: ids, foreign keys, provenance, closed value
//! sets. The values of closed sets are spelled out here, not taken from `egalite-shared`, because a
//! migration must keep meaning what it meant when it ran.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// A 64-bit auto-increment primary key named `id`.
pub fn id() -> ColumnDef {
    big_pk_auto("id")
}

/// A required reference to `table.id`.
pub fn ref_id(col: &'static str) -> ColumnDef {
    big_integer(col)
}

/// An optional reference to `table.id`.
pub fn ref_id_null(col: &'static str) -> ColumnDef {
    big_integer_null(col)
}

/// A text column restricted to a closed set of wire names.
pub fn one_of(col: &'static str, values: &[&'static str]) -> ColumnDef {
    text(col).check(Expr::col(col).is_in(values.iter().copied())).take()
}

/// A nullable text column restricted to a closed set of wire names.
pub fn one_of_null(col: &'static str, values: &[&'static str]) -> ColumnDef {
    text_null(col).check(Expr::col(col).is_in(values.iter().copied())).take()
}

/// A creation timestamp filled by the database.
pub fn created_at() -> ColumnDef {
    timestamp_with_time_zone("created_at").default(Expr::current_timestamp()).take()
}

/// A last-change timestamp filled by the database at insert and by the application at update.
pub fn updated_at() -> ColumnDef {
    timestamp_with_time_zone("updated_at").default(Expr::current_timestamp()).take()
}

/// A foreign key from `table.col` to `to_table.to_col`; rows go when their parent goes if `cascade`.
pub fn fk(
    table: &'static str,
    col: &'static str,
    to_table: &'static str,
    to_col: &'static str,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to_table, to_col)
        .on_delete(if cascade { ForeignKeyAction::Cascade } else { ForeignKeyAction::Restrict })
        .on_update(ForeignKeyAction::Cascade)
        .take()
}

/// An index on `cols` of `table`, unique if asked.
pub fn index(table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut ix = Index::create();
    ix.name(format!("{}_{}_{}", if unique { "uq" } else { "ix" }, table, cols.join("_")))
        .table(table)
        .if_not_exists();
    for c in cols {
        ix.col(*c);
    }
    if unique {
        ix.unique();
    }
    ix.take()
}
