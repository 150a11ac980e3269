// The sign-in form posts natively to Spring Security; this only fills in its CSRF token (from the XSRF-TOKEN
// cookie the page was served with), the page to return to, and what the last attempt said.
const form = document.querySelector('[data-role="sign-in"]');
const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
form.elements._csrf.value = cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
const query = new URLSearchParams(location.search);
form.elements.next.value = query.get('next') || '/';
const error = document.querySelector('[data-role="sign-in-error"]');
if (query.has('error')) {
  error.textContent = 'That user name and password do not match. Try again.';
  error.hidden = false;
} else if (query.has('throttled')) {
  error.textContent = `Too many failed sign-ins. Try again in ${Number(query.get('throttled')) || 60} seconds.`;
  error.hidden = false;
}
document.querySelector('[data-role="signed-out"]').hidden = !query.has('signed-out');
