// 内置中文措辞（邮件与营销文案）。编辑规则：措辞本身不写数字、日期、价格或产品名
// （只能来自变量，即来自事实），也不写事实核查会标记的说法（“保证”“最好”“第一”等）。
import type { TemplateSet } from './compose.ts';

export const ZH: TemplateSet = {
  defaultCta: '下周约个简短的电话聊一聊',
  subject: {
    follow_up: '[[跟进：|关于]]{{#opportunity_name}}{{opportunity_name}}{{/opportunity_name}}{{^opportunity_name}}我们上次的沟通{{/opportunity_name}}',
    outreach: '{{#product}}[[{{product}}：给{{company}}的建议|为{{company}}推荐{{product}}]]{{/product}}{{^product}}[[给{{company}}的一个建议|想向{{company}}请教一个问题]]{{/product}}',
    proposal: '{{company}}[[方案要点|合作方案概要]]{{#opportunity_name}}：{{opportunity_name}}{{/opportunity_name}}',
    re_engagement: '[[好久不见|近况问候]]——{{company}}',
    marketing_copy: '{{#product}}[[{{industry}}团队的新选择：{{product}}|{{product}}，为{{industry}}而设计]]{{/product}}{{^product}}[[写给{{industry}}团队|{{industry}}团队看过来]]{{/product}}',
  },
  greeting: {
    formal: '{{#recipient_name}}尊敬的{{recipient_name}}：{{/recipient_name}}{{^recipient_name}}尊敬的客户：{{/recipient_name}}\n\n您好！',
    friendly: '{{#recipient_name}}{{recipient_name}}，您好！{{/recipient_name}}{{^recipient_name}}您好！{{/recipient_name}}',
    direct: '{{#recipient_name}}{{recipient_name}}：{{/recipient_name}}{{^recipient_name}}您好：{{/recipient_name}}',
  },
  opener: {
    follow_up: {
      formal: '感谢您{{#last_activity_date}}在{{last_activity_date}}{{/last_activity_date}}抽出宝贵时间与我沟通。[[现就|特此就]]{{#opportunity_name}}“{{opportunity_name}}”{{/opportunity_name}}{{^opportunity_name}}我们讨论的内容{{/opportunity_name}}[[做一个跟进。|向您跟进一下。]]',
      friendly: '[[谢谢您|很高兴]]{{#last_activity_date}}在{{last_activity_date}}{{/last_activity_date}}[[和我聊了这么多|和我们交流]]！[[我来跟进一下我们聊到的内容。|想接着上次的话题继续聊聊。]]',
      direct: '跟进一下{{#last_activity_date}}{{last_activity_date}}{{/last_activity_date}}的沟通{{#opportunity_name}}（{{opportunity_name}}）{{/opportunity_name}}。',
    },
    outreach: {
      formal: '我是{{sender_name}}，[[冒昧来信|特此来信]]，[[希望向贵司介绍|想向贵公司简要介绍]]我们为{{industry}}行业客户提供的服务，相信对{{company}}会有参考价值。',
      friendly: '我是{{sender_name}}，[[一直在服务|平时主要对接]]{{industry}}行业的客户，想和您聊聊{{company}}可能会感兴趣的一些做法。',
      direct: '我是{{sender_name}}，开门见山：我们为{{industry}}行业的团队提供解决方案，{{company}}[[也许正好用得上|可能会感兴趣]]。',
    },
    proposal: {
      formal: '根据我们此前的沟通，现将为{{company}}准备的方案要点整理如下{{#opportunity_name}}（{{opportunity_name}}）{{/opportunity_name}}，请您审阅。',
      friendly: '[[按照约定|如上次所说]]，我把给{{company}}的方案{{#opportunity_name}}（{{opportunity_name}}）{{/opportunity_name}}整理了一下，[[您先看看|供您参考]]。',
      direct: '给{{company}}的方案{{#opportunity_name}}（{{opportunity_name}}）{{/opportunity_name}}要点如下：',
    },
    re_engagement: {
      formal: '距离我们上次联系{{#last_activity_date}}（{{last_activity_date}}）{{/last_activity_date}}已有一段时间，[[特此问候，|冒昧打扰，]]也想了解一下{{company}}近来的情况。',
      friendly: '好久没联系了{{#last_activity_date}}，上次沟通还是{{last_activity_date}}{{/last_activity_date}}！[[{{company}}最近一切都好吗？|不知道{{company}}最近忙不忙？]]',
      direct: '我们上次沟通{{#last_activity_date}}是在{{last_activity_date}}{{/last_activity_date}}{{^last_activity_date}}已经是一段时间以前{{/last_activity_date}}。这件事对{{company}}来说还在计划之中吗？',
    },
    marketing_copy: {
      formal: '{{industry}}行业的团队{{#segment}}（{{segment}}）{{/segment}}[[每天都需要可靠的信息来做决策。|离不开清晰、及时的数据。]]',
      friendly: '[[在{{industry}}行业工作？|您的团队也在{{industry}}行业吗？]][[这条信息也许对您有用。|来看看这个。]]',
      direct: '{{industry}}团队{{#segment}}（{{segment}}）{{/segment}}：[[少一些琐事，多一些清晰。|信息更准，表格更少。]]',
    },
  },
  context:
    '{{#key_sentence}}[[您之前提到|上次您说过]]：“{{key_sentence}}”[[这一点我一直记着。|这封邮件正是为此而写。]]{{/key_sentence}}{{#products_bought}}[[{{company}}已经在使用|考虑到贵司已在使用]]{{products_bought}}，[[下一步可以在此基础上继续推进。|新的方案可以在现有基础上展开。]]{{/products_bought}}',
  value:
    '{{#product}}[[我认为|我们认为]]{{product}}[[比较符合贵司的需求|可能正好契合您的需要]]{{#product_description}}：{{product_description}}{{/product_description}}{{^product_description}}。{{/product_description}}{{#product_price}}[[目录价格为|标准报价为]]{{product_price}}。{{/product_price}}{{/product}}',
  copyValue:
    '{{#product}}[[推荐您了解|欢迎了解]]{{product}}{{#product_description}}：{{product_description}}{{/product_description}}{{^product_description}}。{{/product_description}}{{#product_price}}[[目录价：|价格：]]{{product_price}}。{{/product_price}}{{/product}}',
  detail:
    '{{#opportunity_name}}关于“{{opportunity_name}}”{{#opportunity_amount}}，目前方案金额为{{opportunity_amount}}{{/opportunity_amount}}{{#expected_close}}，我们的目标是在{{expected_close}}前完成{{/expected_close}}。{{/opportunity_name}}{{#product_snippet}}产品资料中提到：{{product_snippet}}{{/product_snippet}}\n\n[[如有需要，我可以为您的同事准备一份简要介绍，也可以解答他们的任何问题。|如果方便的话，我很乐意为贵司团队详细讲解，并准备内部讨论所需的材料。]]',
  copyDetail:
    '{{#product_snippet}}{{product_snippet}}{{/product_snippet}}[[从第一次沟通到系统上线，我们的团队全程陪同，上线后也随时为您答疑。|我们的团队会协助您完成部署，之后也随时解答您的问题。]]',
  copyMore:
    '{{#customers}}[[已有不少{{industry}}行业的团队在使用我们的方案。|您不会是我们服务的第一个{{industry}}团队。]]{{/customers}}[[欢迎带上您自己的数据和问题来预约演示，亲自看看它是否适合您团队的工作方式。|带着您的实际问题来找我们聊聊：一次演示就能看出它是否适合您的团队。]]',
  cta: {
    formal: '[[不知您是否方便|请问您是否方便]]{{call_to_action}}？[[期待您的回复。|恭候您的回复。]]',
    friendly: '[[要不我们|我们可以]]{{call_to_action}}？[[直接回复这封邮件就好。|您看什么时间合适？]]',
    direct: '下一步：{{call_to_action}}。请回复一个您方便的时间。',
  },
  copyCta: {
    formal: '[[了解详情，请|如需了解更多，请]]{{call_to_action}}。',
    friendly: '[[感兴趣的话，|想了解更多？]]{{call_to_action}}。',
    direct: '{{call_to_action}}。',
  },
  closing: {
    formal: '[[顺祝商祺！|此致\n敬礼！]]\n{{sender_name}}',
    friendly: '[[祝好！|祝一切顺利！]]\n{{sender_name}}',
    direct: '谢谢！\n{{sender_name}}',
  },
  copyDefaultCta: '回复此消息，我们会尽快与您联系',
};
