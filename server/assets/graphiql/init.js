// Mounts GraphiQL on the API's own endpoint, with a first query that runs as is.
(function () {
  var endpoint = new URL("/graphql", window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var defaultQuery =
    "# Égalité — data on gender inequality in cinema and film festivals.\n" +
    "# Press Ctrl+Enter to run. The Docs panel describes every type and field.\n" +
    "{\n  festivals {\n    id\n    slug\n    name\n    nameEn\n    country { code nameEn }\n  }\n}\n";
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
    })
  );
})();
