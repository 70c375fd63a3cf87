// What a thrown value says about an `--impl` module: did it reject the input
// (fine for a malformed block), or did it crash? The seed API says the
// classes raise an exception on any error, without naming a class, so by
// default any Error the module throws on purpose is a rejection: a plain
// `Error` or a subclass of its own. A crash is what no implementation throws
// on purpose: the engine's own errors (a TypeError from reading a property
// of undefined, a ReferenceError, a RangeError from an array length or a
// stack overflow), Node's internal `ERR_*` errors (a Buffer read out of
// bounds) and anything that is not an Error at all. `--typed-error NAME`
// narrows rejections to one class, for a module that promises one.
import type { TypedErrorTest } from './session-driver.js';

/** Error classes the engine throws by itself; only an instance of exactly one of these (not a subclass) is the engine's. */
const ENGINE_ERRORS: ReadonlySet<string> = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'EvalError', 'URIError']);

/** An Error by shape, so one from another realm (a vm context, jsfuzz's worker) counts too. */
function isErrorLike(err: unknown): err is Error {
  return err instanceof Error || Object.prototype.toString.call(err) === '[object Error]';
}

/** The names of the constructors on `err`'s prototype chain, nearest first: [HpackError, Error]. */
function classNames(err: object): string[] {
  const names: string[] = [];
  for (let p = Object.getPrototypeOf(err) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const ctor = (p as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && Object.prototype.hasOwnProperty.call(p, 'constructor')) names.push(ctor.name);
  }
  return names;
}

/** Why a thrown value is a crash rather than a rejection; null when it is a rejection. */
export function crashReason(err: unknown): string | null {
  if (!isErrorLike(err)) return `threw a non-Error value (${err === null ? 'null' : typeof err})`;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_')) return `threw Node's internal error ${code}`;
  const own = classNames(err)[0];
  if (own !== undefined && ENGINE_ERRORS.has(own)) return `threw the engine's ${own}`;
  return null;
}

/** The default test: anything but a crash is the module's rejection of the input. */
export const notACrash: TypedErrorTest = (err) => crashReason(err) === null;

/** `--typed-error NAME`: only an Error whose class, or a class it extends, is named NAME. */
export function namedErrorTest(name: string): TypedErrorTest {
  return (err) => isErrorLike(err) && (classNames(err).includes(name) || err.name === name);
}
