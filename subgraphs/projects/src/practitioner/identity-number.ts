/** Resident identity number (居民身份证号码), GB 11643-1999: 17 digits and a check character (0-9 or X). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function identityNumberProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits followed by a digit or X (GB 11643-1999)';
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  const expected = CHECK[sum % 11];
  return value[17] === expected ? null : 'check character does not match (GB 11643-1999)';
}

export function withIdentityCheck(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return first17 + CHECK[sum % 11];
}
