// Texts of the anomaly-detection evaluation report (`salesbloom eval anomalies`), in English and
// Simplified Chinese; the CLI renders them in its language (SALESBLOOM_LANG / LANG).
import { defineMessages } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'anomalies.report.head': 'Anomaly detection on {series} series ({points} points), sensitivity {sensitivity}',
    'anomalies.report.precision': '  precision {value}  ({tp} true detections, {fp} false alarms)',
    'anomalies.report.recall': '  recall    {value}  ({detected} of {windows} labelled windows detected)',
    'anomalies.report.f1': '  F1        {value}',
    'anomalies.report.kinds': '  flagged points by kind: {kinds}',
    'anomalies.report.none': 'none',
    'anomalies.report.seconds': '  {value} s',
    'anomalies.report.note': 'Consecutive flagged points form one event; all events touching one window count once.',
    'anomalies.kind.spike': 'spike',
    'anomalies.kind.dip': 'dip',
    'anomalies.kind.level_shift': 'level_shift',
    'anomalies.kind.trend_change': 'trend_change',
    'anomalies.sensitivity.low': 'low',
    'anomalies.sensitivity.medium': 'medium',
    'anomalies.sensitivity.high': 'high',
  },
  {
    'anomalies.report.head': '对 {series} 个序列（{points} 个点）做异常检测，灵敏度：{sensitivity}',
    'anomalies.report.precision': '  精确率 {value}（{tp} 次正确检出，{fp} 次误报）',
    'anomalies.report.recall': '  召回率 {value}（{windows} 个标注窗口中检出 {detected} 个）',
    'anomalies.report.f1': '  F1     {value}',
    'anomalies.report.kinds': '  按类型统计的标记点：{kinds}',
    'anomalies.report.none': '无',
    'anomalies.report.seconds': '  {value} 秒',
    'anomalies.report.note': '连续的标记点算作一个事件；触及同一窗口的所有事件只计一次。',
    'anomalies.kind.spike': '激增',
    'anomalies.kind.dip': '下降',
    'anomalies.kind.level_shift': '水平突变',
    'anomalies.kind.trend_change': '趋势改变',
    'anomalies.sensitivity.low': '低',
    'anomalies.sensitivity.medium': '中',
    'anomalies.sensitivity.high': '高',
  },
);
