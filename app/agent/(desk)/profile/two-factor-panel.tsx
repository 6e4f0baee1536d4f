"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { twoFactorCodeSchema, twoFactorDisableSchema } from "@/lib/validation/staff-profile";
import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
  type Enrollment,
} from "./actions";

/** What the panel tells the person after an action. */
type Notice = { ok: boolean; message?: string };

/** Set-up, recovery codes and switch-off of two-factor sign-in. */
export function TwoFactorPanel({ enabled, recoveryCodesLeft }: { enabled: boolean; recoveryCodesLeft: number }) {
  const [enrollment, setEnrollment] = useState<Enrollment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [message, setMessage] = useState<Notice>();
  const [pending, startTransition] = useTransition();

  if (recoveryCodes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{message?.message ?? "Two-factor sign-in is on."}</Alert>
        <div>
          <h3 className="font-medium">Recovery codes</h3>
          <p className="mt-1 text-sm text-slate-600">
            Each code signs you in once if you lose your phone. Store them somewhere safe now: they are not shown again.
          </p>
        </div>
        <ol aria-label="Recovery codes" className="grid grid-cols-1 gap-2 rounded-md bg-slate-50 p-4 font-mono text-sm ring-1 ring-slate-200 sm:grid-cols-2">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setRecoveryCodes(undefined);
            setMessage(undefined);
          }}
        >
          I have saved these codes
        </Button>
      </div>
    );
  }

  if (enabled) {
    return (
      <div className="space-y-6">
        {message && <Alert tone={message.ok ? "success" : "error"}>{message.message}</Alert>}
        <p className="text-sm text-slate-700">
          <span className="font-medium text-emerald-700">Two-factor sign-in is on.</span> You have {recoveryCodesLeft} unused recovery{" "}
          {recoveryCodesLeft === 1 ? "code" : "codes"}.
        </p>
        <RegenerateCodesForm
          onDone={(result) => {
            setMessage(result);
            if (result.ok && result.data) setRecoveryCodes(result.data.recoveryCodes);
          }}
        />
        <DisableForm onDone={setMessage} />
      </div>
    );
  }

  if (!enrollment) {
    return (
      <div className="space-y-3">
        {message && <Alert tone={message.ok ? "success" : "error"}>{message.message}</Alert>}
        <p className="text-sm text-slate-600">
          Two-factor sign-in is off. With it on, signing in also takes a code from an authenticator app on your phone.
        </p>
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await startTwoFactorAction();
              setMessage(undefined);
              if (result.ok && result.data) setEnrollment(result.data);
              else setMessage(result);
            })
          }
        >
          Set up two-factor sign-in
        </Button>
      </div>
    );
  }

  return (
    <ConfirmEnrollment
      enrollment={enrollment}
      onCancel={() => setEnrollment(undefined)}
      onEnabled={(result, codes) => {
        setMessage(result);
        setEnrollment(undefined);
        setRecoveryCodes(codes);
      }}
    />
  );
}

function ConfirmEnrollment({
  enrollment,
  onCancel,
  onEnabled,
}: {
  enrollment: Enrollment;
  onCancel: () => void;
  onEnabled: (result: Notice, codes: string[]) => void;
}) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<{ code: string }>({
    resolver: zodResolver(twoFactorCodeSchema),
    defaultValues: { code: "" },
  });
  const onSubmit = ({ code }: { code: string }) =>
    startTransition(async () => {
      setError(undefined);
      const result = await enableTwoFactorAction({ secret: enrollment.secret, code });
      if (result.ok && result.data) return onEnabled(result, result.data.recoveryCodes);
      if (!result.ok) {
        if (result.fieldErrors?.code) setFieldError("code", { message: result.fieldErrors.code });
        else setError(result.message);
      }
    });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Scan this QR code with your authenticator app, or type the secret key into it.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG made on the server, not a remote image */}
        <img src={`data:image/svg+xml;utf8,${encodeURIComponent(enrollment.qrSvg)}`} alt="QR code for your authenticator app" width={176} height={176} className="rounded ring-1 ring-slate-200" />
        <div className="min-w-0 flex-1 space-y-2 text-sm">
          <p className="text-slate-600">Secret key</p>
          <code aria-label="Secret key" data-secret={enrollment.secret} className="block font-mono text-base tracking-wider break-all text-slate-900">
            {enrollment.secret.match(/.{1,4}/g)!.join(" ")}
          </code>
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer">Setup link</summary>
            <span className="break-all">{enrollment.uri}</span>
          </details>
        </div>
      </div>
      <Field id="enable-code" label="Code from your app" error={formState.errors.code?.message}>
        <Input id="enable-code" inputMode="numeric" autoComplete="one-time-code" className="max-w-40" invalid={!!formState.errors.code} {...register("code")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DisableForm({ onDone }: { onDone: (result: Notice) => void }) {
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState } = useForm<{ proof: string }>({
    resolver: zodResolver(twoFactorDisableSchema),
    defaultValues: { proof: "" },
  });
  const onSubmit = (values: { proof: string }) =>
    startTransition(async () => {
      const result = await disableTwoFactorAction(values);
      if (!result.ok && result.fieldErrors?.proof) return setError("proof", { message: result.fieldErrors.proof });
      reset();
      onDone(result);
    });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-3 border-t border-slate-100 pt-4">
      <h3 className="font-medium">Turn off</h3>
      <Field id="proof" label="Code from your app, a recovery code, or your password" error={formState.errors.proof?.message}>
        <Input id="proof" type="password" autoComplete="off" className="max-w-sm" invalid={!!formState.errors.proof} {...register("proof")} />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>
        Turn off two-factor sign-in
      </Button>
    </form>
  );
}

function RegenerateCodesForm({ onDone }: { onDone: (result: Notice & { data?: { recoveryCodes: string[] } }) => void }) {
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState } = useForm<{ code: string }>({
    resolver: zodResolver(twoFactorCodeSchema),
    defaultValues: { code: "" },
  });
  const onSubmit = (values: { code: string }) =>
    startTransition(async () => {
      const result = await regenerateRecoveryCodesAction(values);
      if (!result.ok && result.fieldErrors?.code) return setError("code", { message: result.fieldErrors.code });
      onDone(result);
    });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-3">
      <h3 className="font-medium">New recovery codes</h3>
      <Field id="regenerate-code" label="Code from your app" error={formState.errors.code?.message}>
        <Input id="regenerate-code" inputMode="numeric" autoComplete="one-time-code" className="max-w-40" invalid={!!formState.errors.code} {...register("code")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Replace recovery codes
      </Button>
    </form>
  );
}
