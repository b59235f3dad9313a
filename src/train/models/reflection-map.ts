/**
 * Unconstrained parameters u ↦ reflection coefficients k with |k| ≤ K_MAX < 1 (for stable all-pole
 * models), the inverse (initialisation) and the vjp, dispatching to the params module:
 * 'reflection': k = K_MAX·tanh(u); 'lar': log-area ratios, k = K_MAX·tanh(u/2).
 *
 * The margin K_MAX = 1 − 1e-4 is the guaranteed distance from instability: tanh(u) rounds to
 * exactly ±1 in float64 for |u| > 19, and step-up/step-down of k within 1e-6 of 1 at orders ≥ 24
 * loses minimum phase to rounding. With the margin, every k a model can hold converts to a
 * direct form that the stability check (step-down) accepts, and the lattice stays well inside.
 */
import { larToReflection, larToReflectionVjp, reflectionToLar } from '../../core/params/lar.js';
import { reflectionToTanh, tanhToReflection, tanhToReflectionVjp } from '../../core/params/tanh.js';

export type ReflectionParameterisation = 'reflection' | 'lar';

/** Largest |k| a model's parameters can map to (see the module doc). */
export const K_MAX = 1 - 1e-4;

/** Largest |k| used when mapping given reflection coefficients back to parameters. */
export const K_INIT_LIMIT = K_MAX * (1 - 1e-6);

/** k = map(u) elementwise (length u.length); k may alias u. */
export function paramsToReflection(kind: ReflectionParameterisation, u: Float64Array, k: Float64Array): void {
  if (kind === 'reflection') tanhToReflection(u, k);
  else larToReflection(u, k);
  for (let i = 0; i < u.length; i++) k[i] *= K_MAX;
}

/** gu = (dk/du)ᵀ gk elementwise; gu may alias gk. */
export function reflectionVjp(
  kind: ReflectionParameterisation,
  u: Float64Array,
  gk: Float64Array,
  gu: Float64Array,
): void {
  if (kind === 'reflection') tanhToReflectionVjp(u, gk, gu);
  else larToReflectionVjp(u, gk, gu);
  for (let i = 0; i < u.length; i++) gu[i] *= K_MAX;
}

/** u from k (clamped into ±K_INIT_LIMIT first); u may alias k. */
export function reflectionToParams(
  kind: ReflectionParameterisation,
  k: ArrayLike<number>,
  u: Float64Array,
): void {
  for (let i = 0; i < u.length; i++) u[i] = Math.max(-K_INIT_LIMIT, Math.min(K_INIT_LIMIT, k[i])) / K_MAX;
  if (kind === 'reflection') reflectionToTanh(u, u);
  else reflectionToLar(u, u);
}
