// Reads what the benchmark needs from a guide directory's RON files (its id, questions,
// steps in order, the first step's title and body), so no figure hard-codes guide content.
// A reader for the shapes `guide/` and `leitfaden generate` write, not a RON parser.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The RON text without comments (strings kept as they are). */
function stripComments(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else out += c;
  }
  return out;
}

const STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const unescape = (s) => JSON.parse(`"${s.replace(/\n/g, '\\n')}"`);
const read = (dir, file) => stripComments(readFileSync(join(dir, file), 'utf8'));
/** The first `key: "…"` at or after `from` in `text`, unescaped, with where it ends. */
function field(text, key, from = 0) {
  const re = new RegExp(`\\b${key}:\\s*${STRING}`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { value: unescape(m[1]), at: m.index, end: re.lastIndex } : null;
}

/** The guide's id, its chapter files and its questions [{ id, choices: [id] }]. */
export function guideOf(dir) {
  const text = read(dir, 'leitfaden.ron');
  const id = field(text, 'id').value;
  const list = text.match(/\bchapters:\s*\[([^\]]*)\]/);
  if (!list) throw new Error(`${join(dir, 'leitfaden.ron')} lists no chapters`);
  const chapters = [...list[1].matchAll(new RegExp(STRING, 'g'))].map((m) => unescape(m[1]));
  const questions = [];
  for (const q of text.matchAll(/\bQuestion\(/g)) {
    const next = text.indexOf('Question(', q.index + 1);
    const part = text.slice(q.index, next < 0 ? undefined : next);
    questions.push({
      id: field(part, 'id').value,
      choices: [...part.matchAll(new RegExp(`Choice\\(\\s*id:\\s*${STRING}`, 'g'))].map((m) => unescape(m[1])),
    });
  }
  return { id, chapters, questions };
}

/** Every step of the guide in order: [{ id, title }]. */
export function stepsOf(dir) {
  const steps = [];
  for (const chapter of guideOf(dir).chapters) {
    const text = read(dir, chapter);
    for (const s of text.matchAll(/\bStep\(/g)) {
      const id = field(text, 'id', s.index);
      const title = field(text, 'title', s.index);
      steps.push({ id: id.value, title: title.value, file: chapter, at: s.index });
    }
  }
  return steps;
}

/** The first step of the first chapter: { id, title, body } (body as in the RON file). */
export function firstStepOf(dir) {
  const first = stepsOf(dir)[0];
  if (!first) throw new Error(`the guide in ${dir} has no steps`);
  const text = read(dir, first.file);
  return { id: first.id, title: first.title, body: field(text, 'body', first.at)?.value ?? '' };
}
