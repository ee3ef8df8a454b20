"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { loginAction } from "@/app/login/actions";
import { ZLoginInput, type TLoginInput } from "@/lib/auth/schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function LoginForm({ returnTo }: { returnTo: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<TLoginInput>({ resolver: zodResolver(ZLoginInput), defaultValues: { email: "", password: "" } });

  const onSubmit = form.handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const result = await loginAction({ credentials: values, returnTo });
      if (result && !result.ok) setMessage(result.message);
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Email" error={form.formState.errors.email?.message}>
        {(id) => <input id={id} type="email" autoComplete="username" {...form.register("email")} />}
      </Field>
      <Field label="Password" error={form.formState.errors.password?.message}>
        {(id) => <input id={id} type="password" autoComplete="current-password" {...form.register("password")} />}
      </Field>
      {message ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
