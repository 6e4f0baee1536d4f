import type { ApiContext } from "../context";

export type ApiHandler = (ctx: ApiContext, id: string | undefined) => Promise<Response>;

/** The actions of one resource, named as in HelpDeskZ's ResourcePresenter controllers. */
export type ApiResource = {
  index?: ApiHandler;
  show?: ApiHandler;
  create?: ApiHandler;
  update?: ApiHandler;
  delete?: ApiHandler;
  /** Extra POST actions by name, e.g. staff/auth. */
  post?: Record<string, ApiHandler>;
};
