// Add a need/offer row without a round trip. Without JavaScript the same button submits
// the form and the server adds the row (nothing typed is lost either way).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-add-row]");
  if (!button) return;
  var prefix = button.getAttribute("data-add-row");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
  var template = document.querySelector('template[data-empty-row="' + prefix + '"]');
  var rows = document.querySelector('[data-rows="' + prefix + '"]');
  if (!total || !template || !rows) return;
  var count = parseInt(total.value, 10);
  if (max && count >= parseInt(max.value, 10)) return;
  event.preventDefault();
  var html = template.innerHTML.replace(/__prefix__/g, String(count));
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(count + 1);
  var added = rows.lastElementChild.querySelector("select, input, textarea");
  if (added) added.focus();
});
