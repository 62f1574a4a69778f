//! The public site: a Leptos client-side-rendered WebAssembly app, in French and English, that
//! reads everything from the GraphQL API.

mod api;
mod app;
mod chart;
mod faces;
mod i18n;
mod pages;
mod table;
mod ui;

fn main() {
    // Readable panics in the console while developing; the release bundle leaves the hook out
    // to stay within its size budget (bench/README.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
