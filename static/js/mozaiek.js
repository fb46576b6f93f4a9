// Netwerkmozaïek answer form: open the comment box when someone picks a 1 or 2.
// The form works without this script (the server then invites a comment after saving).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("[data-mz-scale] input[type=radio]")) return;
  var fieldset = input.closest("fieldset");
  var comment = fieldset && fieldset.querySelector("[data-mz-comment]");
  if (comment && (input.value === "1" || input.value === "2")) comment.open = true;
});
