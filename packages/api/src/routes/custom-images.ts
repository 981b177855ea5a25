// The custom-image allow-list.
import { defineOperation as op } from '../operation';
import { customImageAnswerSchema, customImageBody, customImageQuery, customImageRemovedSchema, customImagesSchema } from '../schemas/custom-images';

export const customImageOperations = [
  op({
    method: 'GET', path: '/api/v1/custom-images', operationId: 'listCustomImages', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: the images the custom-image class may run',
    responses: { 200: { description: 'the allow-list', json: customImagesSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/custom-images', operationId: 'allowCustomImage', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: allows an image already loaded into the engine (Colo never pulls)', body: customImageBody,
    responses: {
      200: { description: 'already allowed: kept (its note updated)', json: customImageAnswerSchema },
      201: { description: 'allowed', json: customImageAnswerSchema },
    },
    errors: [],
  }),
  op({
    method: 'DELETE', path: '/api/v1/custom-images', operationId: 'disallowCustomImage', tag: 'Classes', auth: 'session-or-token', scope: 'admin',
    summary: 'Admins only: takes `?image=` off the list (running VDCs keep running; a new save or deploy naming it is refused)', query: customImageQuery,
    responses: { 200: { description: 'removed', json: customImageRemovedSchema } }, errors: ['not_found'],
  }),
];
