/** Age from which the care leaver's health passport is offered (and on leaving care). */
export const PASSPORT_FROM_AGE = 16;
