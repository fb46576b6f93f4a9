// Site-wide behaviour that used to sit in inline handlers (the Content-Security-Policy
// allows no inline script): a button with data-print prints the page.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
