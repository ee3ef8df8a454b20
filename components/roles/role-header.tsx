"use client";

import { ArrowLeft, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RoleJson } from "@/lib/users/role-json";
import { DeleteRoleDialog } from "./delete-role-dialog";

export function RoleHeader({ role }: { role: RoleJson | undefined }) {
  const router = useRouter();
  const [deleting, setDeleting] = useState<RoleJson | null>(null);
  return (
    <header>
      <Link
        href="/settings/roles"
        className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
      >
        <ArrowLeft aria-hidden className="h-4 w-4" />
        Roles and Permissions
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all text-brand-900">{role ? role.name : "New role"}</h1>
        {role ? (
          <Button
            type="button"
            variant="secondary"
            className="ml-auto gap-1.5 text-red-700"
            onClick={() => setDeleting(role)}
          >
            <Trash2 aria-hidden className="h-4 w-4" />
            Delete role
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        {role
          ? `Held by ${role.userCount} ${role.userCount === 1 ? "user" : "users"}.`
          : "A set of permissions, each BLOCK, FORBID or ALLOW, that users are given together."}
      </p>
      <DeleteRoleDialog
        role={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => router.push("/settings/roles")}
      />
    </header>
  );
}
