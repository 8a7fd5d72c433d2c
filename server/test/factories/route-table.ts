import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getMetadataStorage } from 'class-validator';

type Class = abstract new (...args: never[]) => unknown;

export interface Route {
  /** "GET /api/v1/staff/tiers/{code}", as the OpenAPI document writes it. */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  body: Class | null;
  query: Class | null;
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/** Every route the application serves, read from Nest's own controller metadata (the route table). */
export function routeTable(app: NestFastifyApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const own = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (!method || own === undefined) continue;
        const path = join(base, own).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as Class[];
        const argOf = (kind: RouteParamtypes) =>
          Object.entries(args)
            .filter(([k]) => k.split(':')[0] === String(kind))
            .map(([, v]) => v);
        const dto = (kind: RouteParamtypes) => {
          const arg = argOf(kind).find((a) => a.data === undefined);
          const type = arg ? types[arg.index] : undefined;
          return type && isDto(type) ? type : null;
        };
        routes.push({
          key: `${method} ${path}`,
          method,
          path,
          pathParams: argOf(RouteParamtypes.PARAM).map((a) => String(a.data)),
          body: dto(RouteParamtypes.BODY),
          query: dto(RouteParamtypes.QUERY),
        });
      }
    }
  }
  return routes;
}

function isDto(type: Class): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type as unknown as new () => object, '', true, false).length > 0;
}

export interface Field {
  name: string;
  /** class-validator's rule names on the field: isInt, isString, matches, isObject, isOptional, … */
  rules: string[];
  /** Each rule's constraints (min, max, the allowed values of isIn, …). */
  constraints: Record<string, unknown[]>;
}

/** The fields a DTO validates, with the kinds of rule on each (enough to aim wrong types at them). */
export function fieldsOf(dto: Class): Field[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto as unknown as new () => object, '', true, false);
  const byName = new Map<string, Field>();
  for (const m of metadatas) {
    const field = byName.get(m.propertyName) ?? { name: m.propertyName, rules: [], constraints: {} };
    const rule = m.name ?? m.type;
    field.rules.push(rule);
    field.constraints[rule] = (m.constraints ?? []) as unknown[];
    byName.set(m.propertyName, field);
  }
  return [...byName.values()];
}
