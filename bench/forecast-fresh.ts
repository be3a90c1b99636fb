// One forecasting method over one data set in this (fresh) process; prints, as JSON, the accuracy
// and the CPU seconds of a first pass (V8 still compiling the code, as for a CLI run) and of a
// second (warm, as in a running server). forecast.bench.ts runs it once per set and method, so
// every timing starts cold, as R's does in its own Rscript.
import path from 'node:path';
import { evaluateForecasts } from '../src/modules/forecasting/evaluate.ts';
import { loadEvalFiles } from '../src/modules/forecasting/load.ts';
import type { MethodName } from '../src/ml/timeseries/forecast.ts';

const [dataDir, set, season, method] = process.argv.slice(2);
const { series } = loadEvalFiles(path.join(dataDir, `${set}_train.csv`), path.join(dataDir, `${set}_test.csv`));
const pass = () => {
  const started = process.cpuUsage();
  const result = evaluateForecasts(series, method as MethodName, Number(season));
  return { result, cpu: process.cpuUsage(started).user / 1e6 };
};
const cold = pass();
const warm = pass();
const { smape, mase, coverage95 } = cold.result;
console.log(JSON.stringify({ smape, mase, coverage95, cpu: cold.cpu, warmCpu: warm.cpu }));
