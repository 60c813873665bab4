/** One answer: text, a number (ports, cores), a yes/no, or a list (paths, names). */
export type AnswerValue = string | number | boolean | string[];

/** Answers by question id. A question without a value is absent, never `undefined`-valued by design. */
export type Answers = Record<string, AnswerValue>;

/** How an answer reads in templates, conditions and messages: lists joined with commas. */
export function answerText(value: AnswerValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
