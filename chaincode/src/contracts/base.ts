import { Context, Contract } from 'fabric-contract-api';
import { bookmark as bookmarkShape, pageSize as pageSizeShape } from '@xborder/model/paging';
import { checkArguments } from '@xborder/model/transactions';
import type { PageRequest } from '../ledger/state';

/**
 * What every xborder contract does before its transaction runs: check each
 * argument against the published contract API (model/src/transactions.ts),
 * so that what the API says is exactly what the chaincode accepts, and the
 * client, which runs the same check, refuses the same requests before
 * sending them.
 */
export abstract class XborderContract extends Contract {
  /** The contract named `name` (the part before the colon in `Token:mint`). */
  static named(name: string): new () => XborderContract {
    return class extends XborderContract {
      constructor() {
        super(name);
      }
    };
  }

  override async beforeTransaction(ctx: Context): Promise<void> {
    const { fcn, params } = ctx.stub.getFunctionAndParameters();
    // fabric-shim dispatches `Contract:function`; the function is after the last colon.
    checkArguments(`${this.getName()}:${fcn.slice(fcn.lastIndexOf(':') + 1)}`, params);
  }
}

/** The page a list query asks for, from its `pageSize` and `bookmark` arguments (see model/src/paging.ts). */
export function pageOf(pageSize: string, bookmark: string): PageRequest {
  return { pageSize: pageSizeShape().read(pageSize, 'pageSize'), bookmark: bookmarkShape().read(bookmark, 'bookmark') };
}
