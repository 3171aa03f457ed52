// The SPARQL query page: choosing an example puts it in the box at once (without JavaScript, "Laad
// voorbeeld" does the same through the server); running the query is the form's own submit.
const sources = Object.fromEntries(JSON.parse(document.getElementById('sources').textContent).map(q => [q.name, q.sparql]));
const queryBox = document.getElementById('query');
document.getElementById('examples').addEventListener('change', e => {
  if (sources[e.target.value]) queryBox.value = sources[e.target.value];
});
