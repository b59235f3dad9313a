/**
 * Unconstrained parameters u ↦ reflection coefficients k with |k| < 1 (for stable all-pole models),
 * the inverse (initialisation) and the vjp, dispatching to the params module:
 * 'reflection': k = tanh(u); 'lar': log-area ratios, k = tanh(u/2).
 */
import { larToReflection, larToReflectionVjp, reflectionToLar } from '../../core/params/lar.js';
import { reflectionToTanh, tanhToReflection, tanhToReflectionVjp } from '../../core/params/tanh.js';

export type ReflectionParameterisation = 'reflection' | 'lar';

/** Largest |k| used when mapping given reflection coefficients back to parameters. */
export const K_INIT_LIMIT = 0.9999;

/** k = map(u) elementwise (length u.length); k may alias u. */
export function paramsToReflection(kind: ReflectionParameterisation, u: Float64Array, k: Float64Array): void {
  if (kind === 'reflection') tanhToReflection(u, k);
  else larToReflection(u, k);
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
}

/** u from k (clamped into ±K_INIT_LIMIT first); u may alias k. */
export function reflectionToParams(
  kind: ReflectionParameterisation,
  k: ArrayLike<number>,
  u: Float64Array,
): void {
  for (let i = 0; i < u.length; i++) u[i] = Math.max(-K_INIT_LIMIT, Math.min(K_INIT_LIMIT, k[i]));
  if (kind === 'reflection') reflectionToTanh(u, u);
  else reflectionToLar(u, u);
}
