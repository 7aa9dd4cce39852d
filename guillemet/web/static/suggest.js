// Autocomplete of the search form's "Source" field: the speakers whose names start with
// what is typed, most quoted first, from /api/speakers?q=. Arrow keys move, Enter or a
// click picks one and searches. Names are set with textContent only: they are hostile input.
(function () {
  var input = document.getElementById("speaker-input");
  var list = document.getElementById("speaker-suggestions");
  if (!input || !list) return;
  var timer = null, active = -1, asked = "";

  function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
  function options() { return list.querySelectorAll("li[role=option]"); }
  function pick(li) { input.value = li.getAttribute("data-name"); close(); input.form.submit(); }
  function mark(i) {
    var items = options();
    items.forEach(function (li, k) { li.classList.toggle("active", k === i); li.setAttribute("aria-selected", k === i ? "true" : "false"); });
    active = i;
  }
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-name", item.speaker.name);
      li.setAttribute("data-id", item.speaker.id);
      var name = document.createElement("span");
      name.textContent = item.speaker.name;
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = item.quote_count + " citation" + (item.quote_count > 1 ? "s" : "");
      li.appendChild(name); li.appendChild(count);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(li); });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    active = -1;
  }
  function ask() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    asked = q;
    fetch("/api/speakers?limit=8&q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (body) { if (asked === q) show(body.items || []); })
      .catch(close);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
  input.addEventListener("keydown", function (e) {
    var items = options();
    if (list.hidden || !items.length) return;
    if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % items.length); }
    else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(items[active]); }
    else if (e.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
