// Copy buttons of the "Bron" / "Source" block: put the citation on the clipboard, or select it to copy by hand.
// Without JavaScript the buttons stay hidden and the citation is plain text to select.
document.querySelectorAll('button.copy[data-copy]').forEach(button => { button.hidden = false; });
document.addEventListener('click', async event => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.textContent = button.dataset.done;
  } catch {
    const text = button.parentElement.querySelector('.citation-text');
    const range = document.createRange();
    range.selectNodeContents(text);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  }
});
