import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { NotFoundError, NotOfferedError } from '../errors.js';
import { requireId } from '../ids.js';
import type { AllRows, ProgressOption } from '../paginate.js';
import type { CallOptions } from '../request.js';
import {
  type Coupon,
  type CouponUse,
  couponSchema,
  couponUseSchema,
  type GiftCard,
  giftCardSchema,
} from '../schemas.js';
import { Resource } from './resource.js';

// Coupons and gift cards (docs/studio-api/coupons.md, D?: its examples show Bearer auth, so these may differ).
export class PromotionsApi extends Resource {
  // Every coupon of a status (the API filters: active, disabled, expired or all), each once.
  coupons(filter: string, o: CallOptions & ProgressOption = {}): Promise<AllRows<Coupon>> {
    const t = 'GET /coupons';
    return this.allRows(t, couponSchema, { query: { filter }, area: 'coupons' }, o);
  }

  // Every use of one coupon (an id just read from the list): who, on which invoice, how much it took off. A 404
  // for a coupon that exists says the studio's API has no activity to give.
  async couponUses(id: string, o: CallOptions & ProgressOption = {}): Promise<AllRows<CouponUse>> {
    const t = 'GET /coupons/{coupon_id}/activity';
    const params = { coupon_id: requireId(id, 'coupon', this.idCheck) };
    try {
      return await this.allRows(t, couponUseSchema, { params, area: 'coupon activity' }, o);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new NotOfferedError('coupon activity', { endpoint: t, status: error.status, host: error.host });
    }
  }

  // Every gift card of a status (active, redeemed, expired or all), each once; codes masked as they are read.
  giftCards(status: string, o: CallOptions & ProgressOption = {}): Promise<AllRows<GiftCard>> {
    const t = 'GET /gift_cards';
    return this.allRows(t, giftCardSchema, { query: { status }, area: 'gift cards' }, o);
  }
}

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /coupons',
    host: 'studio',
    list: true,
    query: { filter: 'all', page: 1, per_page: 1 },
    fields: {
      id: { kind: 'id', required: true },
      code: { kind: 'string' },
      discount_type: { kind: 'string' },
      discount_value: { kind: 'integer' },
      status: { kind: 'string' },
    },
    known: [...keysOf(couponSchema), 'created_at', 'updated_at', 'minimum_order_amount', 'description'],
  },
  {
    template: 'GET /coupons/{coupon_id}/activity',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    idFrom: { template: 'GET /coupons', field: 'id', param: 'coupon_id' },
    fields: {
      id: { kind: 'id', required: true },
      invoice_id: { kind: 'id' },
      discount_applied: { kind: 'integer' },
      used_at: { kind: 'string' },
    },
    known: [...keysOf(couponUseSchema), 'coupon_id', 'discount_applied_formatted', 'invoice'],
  },
  {
    template: 'GET /gift_cards',
    host: 'studio',
    list: true,
    query: { status: 'all', page: 1, per_page: 1 },
    fields: {
      id: { kind: 'id', required: true },
      amount: { kind: 'integer' },
      balance: { kind: 'integer' },
      status: { kind: 'string' },
    },
    known: [...keysOf(giftCardSchema), 'amount_formatted', 'balance_formatted', 'created_at'],
  },
];
