// A still from the booth's camera for a file field: a button marked data-camera-for="FIELD_ID" opens the camera in a
// preview; "Take the still" puts a JPEG of the frame into the field and sends its form, as if a file had been
// chosen. Phones and tablets also take a photo through the field itself (its capture attribute); desktops with a
// webcam need this. The preview and its stream end as soon as the still is taken or the camera is closed.
(function () {
  "use strict";
  var open = null;  // {button, field, box, video, stream}

  function close() {
    if (!open) { return; }
    open.stream.getTracks().forEach(function (track) { track.stop(); });
    open.box.remove();
    open.button.hidden = false;
    open = null;
  }

  function say(button, text) {
    var note = document.createElement("p");
    note.className = "bd-warn";
    note.setAttribute("role", "alert");
    note.setAttribute("data-testid", "camera-error");
    note.textContent = text;
    button.insertAdjacentElement("afterend", note);
  }

  function still() {
    var video = open.video, canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    var field = open.field;
    canvas.toBlob(function (blob) {
      var transfer = new DataTransfer();
      transfer.items.add(new File([blob], "camera.jpg", { type: "image/jpeg" }));
      field.files = transfer.files;
      close();
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }, "image/jpeg", 0.92);
  }

  function start(button) {
    close();
    var field = document.getElementById(button.getAttribute("data-camera-for"));
    if (!field) { return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(button, "This browser gives no camera here (it needs HTTPS): choose a file instead.");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(function (stream) {
      var box = document.createElement("div");
      box.className = "bd-camera";
      box.setAttribute("data-testid", "camera");
      var video = document.createElement("video");
      video.autoplay = true;
      video.muted = true;
      video.playsInline = true;
      video.width = 320;
      video.srcObject = stream;
      var take = document.createElement("button");
      take.type = "button";
      take.className = "usa-button";
      take.textContent = "Take the still";
      take.setAttribute("data-testid", "camera-still");
      take.disabled = true;
      video.addEventListener("loadeddata", function () { take.disabled = false; take.focus(); });
      take.addEventListener("click", still);
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "usa-button usa-button--unstyled";
      cancel.textContent = "Close the camera";
      cancel.addEventListener("click", close);
      box.append(video, take, cancel);
      button.insertAdjacentElement("afterend", box);
      button.hidden = true;
      open = { button: button, field: field, box: box, video: video, stream: stream };
    }).catch(function () {
      say(button, "The camera could not be opened (none, or not allowed): choose a file instead.");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-camera-for]");
    if (button) { event.preventDefault(); start(button); }
  });
  // The traveller's panel is replaced after every action: a camera left open there would run on unseen.
  document.body.addEventListener("htmx:beforeSwap", function () { if (open && !document.body.contains(open.field)) { close(); } });
  document.body.addEventListener("htmx:afterSwap", function () { if (open && !document.body.contains(open.box)) { close(); } });
})();
