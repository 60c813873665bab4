import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../../src/services/reconfigure/text-diff.js';

const show = (before: string, after: string, context?: number) => diffLines(before, after, context).map((l) => `${l.op}${l.text}`);

describe('diffLines', () => {
  it('shows a changed line as removed then added, with kept lines around it', () => {
    expect(show('a\nb\nport: 1\nc\nd', 'a\nb\nport: 2\nc\nd', 1)).toEqual([' b', '-port: 1', '+port: 2', ' c']);
  });

  it('keeps only the context near each change', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const after = ['1', 'x', '3', '4', '5', '6', '7', 'y'].join('\n');
    expect(show(before, after, 1)).toEqual([' 1', '-2', '+x', ' 3', ' 7', '-8', '+y']);
  });

  it('handles added and removed lines, and equal texts (no lines)', () => {
    expect(show('a\nc', 'a\nb\nc', 0)).toEqual(['+b']);
    expect(show('a\nb\nc', 'a\nc', 0)).toEqual(['-b']);
    expect(show('same\ntext', 'same\ntext')).toEqual([]);
  });

  it('a new text is all added lines and a text that goes all removed ones, with no blank line for the final newline', () => {
    expect(show('', 'kind: Ingress\nname: x\n')).toEqual(['+kind: Ingress', '+name: x']);
    expect(show('kind: Ingress\n', '')).toEqual(['-kind: Ingress']);
    expect(show('a\nb\n', 'a\nc\n', 0)).toEqual(['-b', '+c']);
  });
});
