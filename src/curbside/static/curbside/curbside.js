// Curbside's own behaviour, kept small. Everything works without it; it only adds comfort.
"use strict";

// Forms that destroy something ask first: <form data-confirm="Delete this contact?">.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Filter forms submit themselves when a select changes: <form data-autosubmit>.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.form && field.form.hasAttribute("data-autosubmit")) {
    field.form.requestSubmit();
  }
});

// Close the account menu when clicking elsewhere.
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.account-menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
