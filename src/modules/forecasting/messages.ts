// Forecasting's words for people (backtest sentences, fallback and reconciliation reasons) in
// English and Simplified Chinese; see src/core/i18n.ts.
import { defineMessages, type Text } from '../../core/i18n.ts';
import type { FallbackNote } from '../../ml/timeseries/types.ts';
import type { ReconcileNote } from '../../ml/timeseries/hierarchy.ts';

export const msg = defineMessages(
  {
    'forecast.backtest.none': 'Not enough history to backtest this forecast yet: treat it with caution.',
    'forecast.backtest.mase': "This model's error {origins}: MASE {mase}, naive-2 {naive}{cover}.",
    'forecast.backtest.smape': "This model's error {origins}: sMAPE {smape}%, naive-2 {naive}%{cover}.",
    'forecast.backtest.origins.one': 'over the last 1 origin',
    'forecast.backtest.origins.many': 'over the last {n} origins',
    'forecast.backtest.cover': '; 95% intervals covered {pct}%',
    'forecast.na': 'n/a',
    'forecast.fallback.noSales': 'no sales in this series: flat forecast of 0',
    'forecast.fallback.empty': 'empty series: forecast 0',
    'forecast.fallback.constant': 'constant series: flat forecast',
    'forecast.fallback.tooShort': 'series too short for {method} (n = {n} < 4): naive',
    'forecast.fallback.negativeDemand': '{method} needs demand without negative values: naive',
    'forecast.fallback.shorterThanSeason': 'shorter than one season: naive',
    'forecast.fallback.etsFailed': 'ETS could not be fitted: naive',
    'forecast.fallback.intermittent': 'intermittent demand (≥ 30% zeros): TSB',
    'forecast.fallback.longHorizon': 'horizon longer than history: combination with damped-trend ETS',
    'forecast.fallback.nonFinite': '{method} produced non-finite values: Naive2',
    'forecast.reconcile.noChildren': 'no children to reconcile',
    'forecast.reconcile.notAdditive': 'the children do not add up to the parent in the history',
    'forecast.reconcile.tooLittle': 'too little history for MinT ({usable} one-step errors, {needed} needed)',
    'forecast.reconcile.nonFinite': 'non-finite backtest errors',
    'forecast.reconcile.zeroErrors': 'the one-step errors are all zero',
    'forecast.reconcile.singular': 'the error covariance is singular',
    'forecast.cli.note': 'note',
    'forecast.eval.title': 'Forecast evaluation: method {method}, {series} series',
    'forecast.eval.coverage': 'coverage {level}%',
    'forecast.eval.naive2': '(Naive2 {value})',
    'forecast.eval.naive2Mase': '(Naive2 {value}; over {series} series with a non-zero scale)',
    'forecast.eval.time': 'time',
    'forecast.eval.seconds': '{wall} s (CPU {cpu} s)',
    'forecast.eval.models': 'models used',
    'forecast.eval.fallback': 'fallback',
    'forecast.cli.mint': 'children reconciled by MinT (shrinkage {shrinkage}, {origins} one-step errors per series):',
    'forecast.cli.bottomUp': 'children reconciled by bottom-up ({reason}):',
  },
  {
    'forecast.backtest.none': '历史数据不足，尚无法回测此预测：请谨慎参考。',
    'forecast.backtest.mase': '此模型{origins}的误差：MASE {mase}，naive-2 为 {naive}{cover}。',
    'forecast.backtest.smape': '此模型{origins}的误差：sMAPE {smape}%，naive-2 为 {naive}%{cover}。',
    'forecast.backtest.origins.one': '在最近 1 个预测起点上',
    'forecast.backtest.origins.many': '在最近 {n} 个预测起点上',
    'forecast.backtest.cover': '；95% 区间覆盖了 {pct}% 的实际值',
    'forecast.na': '无',
    'forecast.fallback.noSales': '此序列没有销售：预测持平为 0',
    'forecast.fallback.empty': '空序列：预测为 0',
    'forecast.fallback.constant': '常数序列：预测持平',
    'forecast.fallback.tooShort': '序列太短，无法使用 {method}（n = {n} < 4）：改用 naive',
    'forecast.fallback.negativeDemand': '{method} 要求需求量没有负值：改用 naive',
    'forecast.fallback.shorterThanSeason': '不足一个季节周期：改用 naive',
    'forecast.fallback.etsFailed': '无法拟合 ETS：改用 naive',
    'forecast.fallback.intermittent': '间歇性需求（≥ 30% 为零）：改用 TSB',
    'forecast.fallback.longHorizon': '预测期长于历史：改用含阻尼趋势 ETS 的组合',
    'forecast.fallback.nonFinite': '{method} 产生了非有限值：改用 Naive2',
    'forecast.reconcile.noChildren': '没有可调和的子序列',
    'forecast.reconcile.notAdditive': '历史中子序列之和不等于父序列',
    'forecast.reconcile.tooLittle': '历史太短，无法使用 MinT（{usable} 个一步误差，需要 {needed} 个）',
    'forecast.reconcile.nonFinite': '回测误差中有非有限值',
    'forecast.reconcile.zeroErrors': '一步误差全部为零',
    'forecast.reconcile.singular': '误差协方差矩阵奇异',
    'forecast.cli.note': '说明',
    'forecast.eval.title': '预测评估：方法 {method}，共 {series} 个序列',
    'forecast.eval.coverage': '{level}% 区间覆盖率',
    'forecast.eval.naive2': '（Naive2 为 {value}）',
    'forecast.eval.naive2Mase': '（Naive2 为 {value}；基于 {series} 个尺度非零的序列）',
    'forecast.eval.time': '用时',
    'forecast.eval.seconds': '{wall} 秒（CPU {cpu} 秒）',
    'forecast.eval.models': '所用模型',
    'forecast.eval.fallback': '回退',
    'forecast.cli.mint': '子序列按 MinT 调和（收缩强度 {shrinkage}，每个序列 {origins} 个一步误差）：',
    'forecast.cli.bottomUp': '子序列按自下而上调和（{reason}）：',
  },
);


// src/ml/timeseries gives its fallback and reconciliation reasons as codes with details; each code
// is the last part of its message's key, and the compiler checks that every such key exists.

/** Why a forecast fell back, in words (its details become the message's parameters). */
export function fallbackText({ code, ...details }: FallbackNote): Text {
  return msg(`forecast.fallback.${code}`, details);
}

/** Why a hierarchy was reconciled bottom-up rather than by MinT, in words. */
export function reconcileText({ code, ...details }: ReconcileNote): Text {
  return msg(`forecast.reconcile.${code}`, details);
}
