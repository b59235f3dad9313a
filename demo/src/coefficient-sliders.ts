/**
 * A row of labelled range inputs, one per coefficient (k_i or a_i), keyboard-usable like any
 * range input. Calls back with the whole coefficient vector on every change.
 */

/** Slider range per domain: reflection k in (-1, 1); direct a_i in a wider, unclamped range. */
const RANGES = { reflection: 0.99, direct: 3 } as const;

/**
 * Fills `container` with M sliders for `domain`, initialised from `values`; `onChange` receives a
 * fresh copy of all values after each input event. Returns a setter to move the sliders.
 */
export function buildCoefficientSliders(
  container: HTMLElement,
  domain: 'reflection' | 'direct',
  values: ArrayLike<number>,
  onChange: (v: Float64Array) => void,
): (v: ArrayLike<number>) => void {
  container.replaceChildren();
  const lim = RANGES[domain];
  const name = domain === 'reflection' ? 'k' : 'a';
  const inputs: HTMLInputElement[] = [];
  const outputs: HTMLOutputElement[] = [];
  const current = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'range';
    input.min = String(-lim);
    input.max = String(lim);
    input.step = '0.01';
    input.id = `coef-${name}${i + 1}`;
    input.setAttribute('aria-label', `coefficient ${name}${i + 1}`);
    const out = document.createElement('output');
    out.htmlFor.add(input.id);
    label.append(`${name}${i + 1}`, input, out);
    input.addEventListener('input', () => {
      current[i] = Number(input.value);
      out.value = current[i].toFixed(2);
      onChange(Float64Array.from(current));
    });
    inputs.push(input);
    outputs.push(out);
    container.append(label);
  }
  const set = (v: ArrayLike<number>) => {
    for (let i = 0; i < inputs.length; i++) {
      current[i] = v[i] ?? 0;
      inputs[i].value = String(current[i]);
      outputs[i].value = current[i].toFixed(2);
    }
  };
  set(values);
  return set;
}
