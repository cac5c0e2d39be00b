/**
 * Personal identity numbers (居民身份证号) are personal information: the graph only ever shows
 * the first 3 and last 2 characters, e.g. 421***********123X → "421*************3X".
 */
export function maskIdentityNumber(identityNumber: string): string {
  if (identityNumber.length <= 5) return '*'.repeat(identityNumber.length);
  return identityNumber.slice(0, 3) + '*'.repeat(identityNumber.length - 5) + identityNumber.slice(-2);
}
