// The photos page: how far an upload has got (htmx reports the request's progress), and which
// files were chosen, with a word before sending when they are more than the plan has room for.
// The server checks all of it again; this only saves a wasted upload.
document.body.addEventListener("htmx:xhr:progress", (event) => {
  const bar = document.getElementById("upload-progress");
  if (!bar || !event.detail.lengthComputable) return;
  bar.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});

document.body.addEventListener("change", (event) => {
  const input = event.target;
  const note = document.getElementById("chosen-files");
  if (!note || !input.matches || !input.matches('#photo-upload input[type="file"]')) return;
  const names = Array.from(input.files || [], (file) => file.name);
  const room = note.dataset.room === "" ? Infinity : Number(note.dataset.room);
  note.classList.remove("error");
  if (!names.length) {
    note.textContent = "";
  } else if (names.length > room) {
    note.classList.add("error");
    note.textContent = `${names.length} photos selected, but there is room for ${room} more on your plan: choose ${room} or fewer.`;
  } else {
    note.textContent = `${names.length} photo${names.length === 1 ? "" : "s"} selected: ${names.join(", ")}`;
  }
});
