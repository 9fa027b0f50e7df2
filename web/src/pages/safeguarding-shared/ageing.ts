/** Ageing in words for worklists and loops: "45 minutes", "3 hours", "2 days". */
export function formatAge(hours: number): string {
  if (hours < 1) {
    const minutes = Math.max(0, Math.round(hours * 60));
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  if (hours < 48) {
    const whole = Math.floor(hours);
    return whole === 1 ? '1 hour' : `${whole} hours`;
  }
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/** Hours between two instants (b later than a gives a positive number). */
export function hoursBetween(a: string | Date, b: string | Date): number {
  return (new Date(b).getTime() - new Date(a).getTime()) / 3_600_000;
}
