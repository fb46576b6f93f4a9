/* Check-in by QR: the phone camera reads tickets with jsQR (vendored) and posts each
 * new code to the scan view; the answer ("Anouk is checked in", "was already in at
 * 14:02") is read out through an aria-live region. Without a camera, without a secure
 * context or without JavaScript, the code field and the name search still work. */
(function () {
  "use strict";
  var section = document.querySelector(".scanner");
  if (!section || !window.fetch) return;
  var start = document.getElementById("scanner-start");
  var video = document.getElementById("scanner-video");
  var output = document.getElementById("scan-result");
  var form = document.getElementById("scan-form");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var last = "", lastAt = 0, busy = false;

  function send(code) {
    busy = true;
    var body = new URLSearchParams({ code: code });
    return fetch(section.dataset.scanUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "X-Scanner": "1" },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) { return response.text(); })
      .then(function (html) { output.innerHTML = html; })
      .catch(function () { output.textContent = section.dataset.offline || "Offline?"; })
      .finally(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var field = form.querySelector("input[name=code]");
    send(field.value).then(function () { field.value = ""; field.focus(); });
  });

  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && !busy && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      // The same ticket stays in view for a while: send it again only after 4 s.
      if (found && found.data && (found.data !== last || now - lastAt > 4000)) {
        last = found.data;
        lastAt = now;
        send(found.data);
      }
    }
    window.requestAnimationFrame(tick);
  }

  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) return;
  start.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play();
      })
      .then(function () { window.requestAnimationFrame(tick); })
      .catch(function (error) { output.textContent = String(error && error.message || error); });
  });
})();
