/** A value's words in the interface languages. */
export interface Label {
  en: string;
  ar: string;
}

/**
 * The labels of every value of an enum: a `Record` over the enum, so a value added to the enum
 * without its words fails the type-check.
 */
export type Labels<T extends string> = Readonly<Record<T, Label>>;
