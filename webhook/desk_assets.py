"""The desk's only stylesheet and script, served by the app itself (nothing loads from outside)."""

from __future__ import annotations

CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8ccd2; --bg: #ffffff; --soft: #f2f4f7;
  --link: #0b4f8a; --accent: #0b4f8a; --warn-bg: #fdecea; --warn: #8a1c12; --ok-bg: #e6f4ea;
  --ok: #1e5b2e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink);
  background: var(--bg); }
a { color: var(--link); }
a:focus, button:focus, input:focus, input:focus-within, select:focus, textarea:focus,
summary:focus {
  outline: 3px solid #f0a500; outline-offset: 2px; box-shadow: 0 0 0 5px #1a1a1a; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  justify-content: space-between; padding: .6rem 1rem; background: var(--accent); color: #fff; }
header.top a, header.top .who { color: #fff; }
header.top form { margin: 0; }
main { padding: 1rem; max-width: 1340px; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
button, .button { font: inherit; padding: .45rem .9rem; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer;
  text-decoration: none; display: inline-block; }
button.plain, .button.plain { background: #fff; color: var(--accent); }
input, select, textarea { font: inherit; padding: .35rem .45rem; border: 1px solid #767676;
  border-radius: 4px; background: #fff; color: var(--ink); max-width: 100%; }
textarea { width: 100%; min-height: 5rem; }
label { display: block; font-weight: 600; margin-bottom: .2rem; }
.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
  gap: .6rem 1rem; align-items: end; background: var(--soft); padding: .8rem;
  border-radius: 6px; }
.filters .wide { grid-column: 1 / -1; }
.filters input[type=search] { width: 100%; }
.filters select { width: 100%; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0;
  margin: .8rem 0; }
.counts a { display: inline-block; padding: .2rem .6rem; border: 1px solid var(--line);
  border-radius: 999px; text-decoration: none; }
.counts a[aria-current] { background: var(--accent); color: #fff; border-color: var(--accent); }
table { border-collapse: collapse; width: 100%; }
.chart-body { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.chart-body svg { max-width: 100%; height: auto; }
.chart-body table.numbers { width: auto; }
caption { text-align: left; color: var(--muted); padding: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
.status { white-space: nowrap; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
.notice { padding: .7rem 1rem; border-radius: 6px; margin: .8rem 0; }
.notice.error { background: var(--warn-bg); color: var(--warn); }
.notice.ok { background: var(--ok-bg); color: var(--ok); }
dl.fields dt { font-weight: 600; margin-top: .8rem; }
dl.fields dd { margin: .2rem 0 0; white-space: pre-wrap; }
.panels { display: grid; grid-template-columns: 2fr 1fr; gap: 1.5rem; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem;
  margin-bottom: 1rem; }
td:first-child a { white-space: nowrap; }
nav.main ul, nav.subnav ul { list-style: none; margin: 0; padding: 0; display: flex;
  flex-wrap: wrap; gap: .3rem 1rem; }
nav.subnav { margin: 0 0 1rem; border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
nav.subnav a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
.row { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: flex-start; }
.row > * { flex: 1 1 15rem; min-width: 0; }
.field { margin: .5rem 0; }
.field input:not([type=checkbox]), .field select { width: 100%; }
.hint { color: var(--muted); font-size: .95rem; margin: .2rem 0 0; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; }
legend { font-weight: 600; padding: 0 .3rem; }
label.check { display: inline-flex; gap: .4rem; align-items: center; font-weight: 400;
  margin-right: 1.2rem; min-height: 2.75rem; }
label.check input { width: 1.25rem; height: 1.25rem; }
button.danger { background: #fff; color: var(--warn); border-color: var(--warn); }
ul.members { padding-left: 1.2rem; }
ul.members li { margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
form.inline { display: inline; margin: 0; }
.secret input { font-family: monospace; width: 100%; }
td form { margin: 0; }
code { overflow-wrap: anywhere; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.badge { display: inline-block; font-size: .85rem; padding: 0 .45rem; margin-left: .2rem;
  border: 1px solid var(--muted); border-radius: 4px; white-space: nowrap; }
details.compare { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem;
  margin: .6rem 0; }
details.compare summary { cursor: pointer; }
table.compare-table { table-layout: fixed; }
table.compare-table th[scope=row] { width: 9rem; }
table.compare-table td { white-space: pre-wrap; overflow-wrap: anywhere; }
ins { text-decoration: underline 2px; background: #d7f0dd; color: #0d3b1a; }
del { text-decoration: line-through 2px; background: #fbe1de; color: #6b130b; }
.legend { color: var(--muted); }
ul.checklist { list-style: none; padding: 0; }
ul.checklist li { padding: .35rem 0; border-bottom: 1px solid var(--line); }
ul.checklist .mark { display: inline-block; width: 1.2rem; font-weight: 700; }
ul.checklist li.fail .verdict { color: var(--warn); font-weight: 600; }
@media (max-width: 800px) {
  table.compare-table thead { position: absolute; left: -999px; }
  table.compare-table tr, table.compare-table th, table.compare-table td { display: block;
    width: auto; }
  table.compare-table th[scope=row] { width: auto; border-bottom: 0; }
  table.compare-table td::before { content: attr(data-label) ": "; font-weight: 600;
    display: block; }
}
@media (max-width: 800px) {
  .panels { grid-template-columns: 1fr; }
  table.queue thead, table.stack thead { position: absolute; left: -999px; }
  table.queue tr, table.stack tr { display: block; border-bottom: 2px solid var(--line);
    padding: .4rem 0; }
  table.queue td, table.stack td { display: block; border: 0; padding: .1rem .3rem;
    overflow-wrap: anywhere; }
  table.queue td::before, table.stack td::before { content: attr(data-label) ": ";
    font-weight: 600; }
}
"""

# Asks before a form marked data-confirm is sent (revoke, remove, cancel). Carries the sign-in
# code from the link's #fragment into the form, then drops it from the address bar; the
# fragment is never sent to the server, so no log or proxy sees it.
JS = """
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute('data-confirm');  // revoke, remove, cancel
  if (question && !window.confirm(question)) { event.preventDefault(); }
});
(function () {
  var field = document.getElementById('signin-token');
  if (field && window.location.hash.length > 1) {
    field.value = decodeURIComponent(window.location.hash.slice(1));
    history.replaceState(null, '', window.location.pathname);
  }
})();
"""
