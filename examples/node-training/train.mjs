// diffiir/train in Node: learn an order-8 all-pole filter (reflection parameterisation, so every
// step is stable) that turns white noise into a target made by a known filter, with the MSE loss.
// Prints one JSON line: the loss at the start and at the end, and the largest coefficient error.
import { allpole, gaussian, mulberry32, reflectionToDirect } from 'diffiir/core';
import { createModel, TrainingSession } from 'diffiir/train';

const T = 8000;
const rand = gaussian(mulberry32(3));
const input = Float64Array.from({ length: T }, () => rand());
const trueA = reflectionToDirect([0.7, -0.5, 0.4, -0.3, 0.2, -0.2, 0.1, -0.1]);
const target = allpole(input, trueA, 8).y;

// A flat start (no target given to createModel; with it, LPC of the target starts near the answer).
const model = createModel({ kind: 'allpole', order: 8, parameterisation: 'reflection' });
const session = new TrainingSession({ model, input, target, loss: 'mse', learningRate: 0.05 });
const result = await session.run(300);
const learned = model.coefficients();
const coefficientError = Math.max(...learned.map((a, i) => Math.abs(a - trueA[i])));
console.log(JSON.stringify({ first: result.history[0], best: result.bestLoss, coefficientError }));
