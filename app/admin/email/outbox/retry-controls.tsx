"use client";

import { retryAllFailedAction, retryInboundAction, retryOutboxAction } from "../actions";
import { RetryButton } from "./retry-button";

export const RetryOutbox = ({ id }: { id: number }) => <RetryButton run={() => retryOutboxAction(id)} />;
export const RetryInbound = ({ id }: { id: number }) => <RetryButton run={() => retryInboundAction(id)} />;
export const RetryAllFailed = () => <RetryButton label="Retry all failed" run={() => retryAllFailedAction()} />;
