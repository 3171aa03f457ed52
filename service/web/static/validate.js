// The validation page: while the server validates (about 15 s), say so; without JavaScript the note beside
// the button says how long it takes.
const form = document.querySelector('form.validate');
if (form) {
  form.addEventListener('submit', () => {
    const progress = form.querySelector('.validate-progress');
    if (progress) progress.hidden = false;
    const button = form.querySelector('button[type="submit"]');
    if (button) button.setAttribute('aria-disabled', 'true');
  });
}
