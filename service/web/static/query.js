// The SPARQL query page: pick an example, run it against /sparql, show the answer as a table.
const sources = Object.fromEntries(JSON.parse(document.getElementById('sources').textContent).map(q => [q.name, q.sparql]));
const queryBox = document.getElementById('query');
document.getElementById('examples').addEventListener('change', e => {
  if (sources[e.target.value]) queryBox.value = sources[e.target.value];
});
document.getElementById('run').addEventListener('click', async e => {
  const status = document.getElementById('status'), out = document.getElementById('result');
  status.textContent = '…'; out.replaceChildren();
  const r = await fetch('/sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json, text/turtle'}, body: queryBox.value});
  const type = r.headers.get('content-type') || '';
  if (!r.ok) { const problem = await r.json(); status.textContent = r.status + ' ' + problem.error + ': ' + JSON.stringify(problem.detail); return; }
  if (!type.includes('json')) { const pre = document.createElement('pre'); pre.textContent = await r.text(); out.appendChild(pre); status.textContent = 'OK'; return; }
  const data = await r.json();
  if ('boolean' in data) { status.textContent = String(data.boolean); return; }
  const table = document.createElement('table'), head = table.createTHead().insertRow(), body = table.createTBody();
  table.className = 'data';
  data.head.vars.forEach(v => { const th = document.createElement('th'); th.scope = 'col'; th.textContent = v; head.appendChild(th); });
  data.results.bindings.forEach(b => { const row = body.insertRow(); data.head.vars.forEach(v => { row.insertCell().textContent = b[v] ? b[v].value : ''; }); });
  out.appendChild(table); status.textContent = data.results.bindings.length + ' ' + e.target.dataset.rows;
});
