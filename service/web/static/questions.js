// The question page: choosing another plan reloads the form, so the subgoal picker lists that plan's subgoals.
document.querySelectorAll('select[data-refresh]').forEach(select => select.addEventListener('change', () => {
  const params = new URLSearchParams();
  for (const field of select.form.elements) {
    if (field.name && !('dependent' in field.dataset)) params.set(field.name, field.value);
  }
  window.location.search = params.toString();
}));
