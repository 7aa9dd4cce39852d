// Click (or Enter on) a highlighted quote to see its kind, cue, speaker and confidence.
// Values are set with textContent only: quote text is hostile input.
(function () {
  var data = JSON.parse(document.getElementById("quotes-data").textContent);
  var panel = document.getElementById("quote-panel");
  function field(name) { return panel.querySelector('[data-field="' + name + '"]'); }
  function show(mark) {
    var q = data[Number(mark.getAttribute("data-q"))];
    if (!q) return;
    field("kind").textContent = q.kind;
    field("cue").textContent = q.cue || "—";
    var who = field("speaker");
    who.textContent = q.speaker || "source inconnue";
    if (q.speaker_id) { who.href = "/speakers/" + encodeURIComponent(q.speaker_id); } else { who.removeAttribute("href"); }
    field("mention").textContent = q.mention || "—";
    field("confidence").textContent = Math.round(q.confidence * 100) + " %";
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll('mark[data-q="' + mark.getAttribute("data-q") + '"]').forEach(function (m) { m.classList.add("active"); });
    panel.hidden = false;
  }
  document.getElementById("article-text").addEventListener("click", function (e) {
    var mark = e.target.closest("mark[data-q]");
    if (mark) show(mark);
  });
  document.getElementById("article-text").addEventListener("keydown", function (e) {
    var mark = e.target.closest("mark[data-q]");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(mark); }
  });
  panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });
})();
