import bwipjs from 'bwip-js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SandboxFault, SandboxSubscribeChoice, WechatErrorBody, wechatErrorBody, WechatSandboxState } from './wechat-sandbox-state';

export interface WechatSandboxPluginOptions {
  state: WechatSandboxState;
}

type Json = Record<string, unknown>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function bodyOf(request: FastifyRequest): Json | null {
  return typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Json) : null;
}

/** WeChat answers HTTP 200 with an errcode; a successful call carries errcode 0 except where WeChat's own shape has none. */
function answer<T extends object>(reply: FastifyReply, result: { ok: T } | { error: WechatErrorBody }, withOk = true): FastifyReply {
  if ('error' in result) return reply.send(result.error);
  return reply.send(withOk ? { errcode: 0, errmsg: 'ok', ...result.ok } : result.ok);
}

function devError(reply: FastifyReply, errmsg: string): FastifyReply {
  return reply.status(400).send(wechatErrorBody(40097, errmsg));
}

function faultFrom(body: Json): SandboxFault | string {
  const { path, errcode, errmsg, httpStatus, drop, latencyMs, ratePerSecond, times } = body;
  if (typeof path !== 'string' || !path.startsWith('/')) return 'path must be a sandbox path such as /cgi-bin/message/subscribe/send';
  const numbers = { errcode, httpStatus, latencyMs, ratePerSecond, times };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && !Number.isInteger(value)) return `${name} must be an integer`;
  }
  if (errmsg !== undefined && typeof errmsg !== 'string') return 'errmsg must be a string';
  if (drop !== undefined && typeof drop !== 'boolean') return 'drop must be a boolean';
  if (times !== undefined && Number(times) < 1) return 'times must be at least 1';
  if (errcode === undefined && httpStatus === undefined && !drop && latencyMs === undefined && ratePerSecond === undefined) {
    return 'give errcode, httpStatus, drop, latencyMs or ratePerSecond';
  }
  return { path, errcode, errmsg, httpStatus, drop, latencyMs, ratePerSecond, times } as SandboxFault;
}

/**
 * The WeChat sandbox's HTTP face: WeChat's paths, request and response shapes and errcodes, plus
 * the development endpoints under /dev that stand in for the client-side APIs H5 lacks.
 */
export const wechatSandboxPlugin: FastifyPluginAsync<WechatSandboxPluginOptions> = async (app, { state }) => {
  const pathOf = (request: FastifyRequest) => (request.url.split('?')[0] ?? '').slice(app.prefix.length);

  // WeChat reads the body as JSON whatever its content type says, so a form-encoded body is not parameters.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });

  app.setErrorHandler((error: Error & { code?: string }, _request, reply) => {
    // WeChat reads every body as JSON and calls anything else a data format error.
    if (error.code?.startsWith('FST_ERR_CTP')) return reply.send(wechatErrorBody(47001));
    return reply.send(wechatErrorBody(-1));
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    if (path.startsWith('/dev/')) return;
    const { latencyMs, effect } = state.faultFor(path);
    if (latencyMs > 0) await sleep(latencyMs);
    switch (effect.kind) {
      case 'drop':
        reply.hijack();
        request.raw.socket.destroy();
        return;
      case 'http':
        return reply.status(effect.status).type('text/html').send(`<html><body>${effect.status}</body></html>`);
      case 'error':
        return reply.send(effect.body);
      case 'none':
        return;
    }
  });

  const withToken = (request: FastifyRequest<{ Querystring: { access_token?: string } }>, reply: FastifyReply): boolean => {
    const problem = state.tokenProblem(request.query.access_token);
    if (problem) void reply.send(problem);
    return problem === null;
  };

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
  app.get<{ Querystring: Record<string, string | undefined> }>('/sns/jscode2session', async (request, reply) =>
    answer(reply, state.code2Session(request.query), false),
  );

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
  app.post('/cgi-bin/stable_token', async (request, reply) => {
    const body = bodyOf(request);
    return body ? answer(reply, state.stableToken(body), false) : reply.send(wechatErrorBody(44002));
  });

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html
  app.get<{ Querystring: Record<string, string | undefined> }>('/cgi-bin/token', async (request, reply) =>
    answer(reply, state.classicAccessToken(request.query), false),
  );

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
  app.post<{ Querystring: { access_token?: string } }>('/wxa/business/getuserphonenumber', async (request, reply) => {
    if (!withToken(request, reply)) return reply;
    const result = state.phoneNumber(bodyOf(request)?.code);
    return 'error' in result ? reply.send(result.error) : reply.send({ errcode: 0, errmsg: 'ok', phone_info: result.ok });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
  app.post<{ Querystring: { access_token?: string } }>('/wxa/getwxacodeunlimit', async (request, reply) => {
    if (!withToken(request, reply)) return reply;
    const body = bodyOf(request);
    if (!body) return reply.send(wechatErrorBody(44002));
    const target = state.qrCodeTarget(body);
    if ('error' in target) return reply.send(target.error);
    // WeChat clamps the width to 280–1280 px rather than failing.
    const width = Math.min(1280, Math.max(280, Number(body.width) || 430));
    const png = await bwipjs.toBuffer({ bcid: 'qrcode', text: target.ok, scale: Math.max(2, Math.round(width / 45)) });
    return reply.type('image/png').send(png);
  });

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
  app.post<{ Querystring: { access_token?: string } }>('/cgi-bin/message/subscribe/send', async (request, reply) => {
    if (!withToken(request, reply)) return reply;
    const body = bodyOf(request);
    return body ? answer(reply, state.sendSubscribeMessage(body)) : reply.send(wechatErrorBody(44002));
  });

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getTemplateList.html
  app.get<{ Querystring: { access_token?: string } }>('/wxaapi/newtmpl/gettemplate', async (request, reply) => {
    if (!withToken(request, reply)) return reply;
    return reply.send({
      errcode: 0,
      errmsg: 'ok',
      data: state.templates.map((t) => ({
        priTmplId: t.id,
        title: t.title,
        content: Object.entries(t.fields).map(([key, label]) => `${label}:{{${key}.DATA}}\n`).join(''),
        example: '',
        type: 2,
      })),
    });
  });

  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
  app.post<{ Querystring: { access_token?: string } }>('/wxa/msg_sec_check', async (request, reply) => {
    if (!withToken(request, reply)) return reply;
    const body = bodyOf(request);
    if (!body) return reply.send(wechatErrorBody(44002));
    const result = state.checkText(body);
    if ('error' in result) return reply.send(result.error);
    const { suggest, label, keyword } = result.ok;
    return reply.send({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
        ...(keyword ? [{ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword }] : []),
      ],
      trace_id: `${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 10)}`,
    });
  });

  // Stand-in for wx.login, which H5 lacks: the code is for this sandbox's code2Session.
  app.post('/dev/login', async (request, reply) => {
    const body = bodyOf(request) ?? {};
    const { openid, unionid } = body;
    if (openid !== undefined && (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid))) {
      return devError(reply, 'openid must be 1-64 letters, digits, _ or -');
    }
    if (unionid !== undefined && (typeof unionid !== 'string' || !unionid)) return devError(reply, 'unionid must be a string');
    return reply.send({ code: state.devLogin(openid, unionid) });
  });

  // Stand-in for wx.requestSubscribeMessage and its pop-up: the member's answer per template (accept
  // unless `answers` says reject), or the client error `errCode` (20004 main switch off, 20005 banned).
  // `push: false` skips the popup event, as when no push URL was configured (see SandboxSubscribeChoice).
  app.post('/dev/subscribe', async (request, reply) => {
    const body = bodyOf(request) ?? {};
    const { openid, templateIds, answers = {}, errCode, push } = body;
    if (typeof openid !== 'string') return devError(reply, 'openid is required');
    if (!Array.isArray(templateIds) || templateIds.length === 0 || !templateIds.every((id) => typeof id === 'string')) {
      return devError(reply, 'templateIds must be a non-empty list of template ids');
    }
    if (errCode !== undefined && errCode !== 20004 && errCode !== 20005) return devError(reply, 'errCode must be 20004 or 20005');
    if (typeof answers !== 'object' || answers === null || !Object.values(answers).every((a) => a === 'accept' || a === 'reject')) {
      return devError(reply, 'answers must map template ids to accept or reject');
    }
    if (push !== undefined && typeof push !== 'boolean') return devError(reply, 'push must be true or false');
    const choice: SandboxSubscribeChoice = errCode !== undefined ? { kind: 'error', errCode } : { kind: 'answer', answers: answers as Record<string, 'accept' | 'reject'>, push };
    const result = state.devSubscribe(openid, templateIds as string[], choice);
    if ('error' in result) return reply.status(400).send(result.error);
    return reply.send({ errMsg: 'requestSubscribeMessage:ok', ...result.ok });
  });

  // The member switches a template off (reject) or on in WeChat's settings; WeChat pushes the change.
  app.post('/dev/subscription-settings', async (request, reply) => {
    const { openid, templateId, status } = bodyOf(request) ?? {};
    if (typeof openid !== 'string' || typeof templateId !== 'string') return devError(reply, 'openid and templateId are required');
    if (status !== 'accept' && status !== 'reject') return devError(reply, 'status must be accept or reject');
    const result = state.devChangeSetting(openid, templateId, status);
    return 'error' in result ? reply.status(400).send(result.error) : reply.send(result.ok);
  });

  // What the sandbox pushed to the message-push URL, and how it was answered.
  app.get('/dev/pushes', async (_request, reply) => reply.send({ items: state.pusher.log }));

  // Stand-in for the getPhoneNumber button's code.
  app.post('/dev/phone-code', async (request, reply) => {
    const body = bodyOf(request) ?? {};
    const { phoneNumber, countryCode = '86' } = body;
    if (typeof phoneNumber !== 'string' || !/^\d{5,15}$/.test(phoneNumber)) return devError(reply, 'phoneNumber must be 5-15 digits');
    if (typeof countryCode !== 'string' || !/^\d{1,4}$/.test(countryCode)) return devError(reply, 'countryCode must be 1-4 digits');
    return reply.send({ code: state.devPhoneCode(phoneNumber, countryCode) });
  });

  app.post('/dev/faults', async (request, reply) => {
    const fault = faultFrom(bodyOf(request) ?? {});
    if (typeof fault === 'string') return devError(reply, fault);
    state.addFault(fault);
    return reply.status(201).send(fault);
  });

  app.delete('/dev/faults', async (_request, reply) => reply.send({ cleared: state.clearFaults() }));

  app.get<{ Querystring: { openid?: string } }>('/dev/outbox', async (request, reply) => {
    const { openid } = request.query;
    return reply.send({ items: openid ? state.outbox.filter((m) => m.toOpenid === openid) : state.outbox });
  });

  app.get('/dev/templates', async (_request, reply) => reply.send({ items: state.templates }));
};
