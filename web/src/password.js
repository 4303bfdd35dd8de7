// password.js — the password rule of src/core/password.c, checked in the form
// so that it says what is wrong before anything is sent (the server checks
// again, on every path): at least 10 characters, not the user name, at least
// two kinds of characters (lower-case, upper-case, digits, others).
export const PASSWORD_MIN = 10;
const PASSWORD_MAX_BYTES = 256;

/** The problem's key under password.problems in the i18n files, or '' when
 * pw may be used. The order of the checks is the server's. */
export function passwordProblem(pw, username) {
  if (new TextEncoder().encode(pw).length > PASSWORD_MAX_BYTES) return 'long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(pw)) return 'chars';
  if ([...pw].length < PASSWORD_MIN) return 'short';
  const lower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (username && lower(pw) === lower(username)) return 'username';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  if (kinds < 2) return 'oneClass';
  return '';
}
