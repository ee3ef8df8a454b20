"use client";

import { LoaderCircle, Search } from "lucide-react";
import { useEffect, useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/form-field";
import type { UserJson } from "@/lib/users/user-json";
import { DisableUserDialog } from "./disable-user-dialog";
import { ListPager } from "./list-pager";
import { useSetUserEnabled, useUserList } from "./queries";
import { UserTable } from "./user-table";

const PAGE_SIZE = 50;

/** Settings → Users: search, sort by any column, page through with cursors (fast at any depth). */
export function UserList({ canManage, currentUserId }: { canManage: boolean; currentUserId: string }) {
  const [input, setInput] = useState("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState("email");
  // The cursors of the pages shown so far: Previous goes back one, a new search or sort starts over.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [toDisable, setToDisable] = useState<UserJson | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const setEnabled = useSetUserEnabled();

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(input);
      setCursors([null]);
    }, 250);
    return () => clearTimeout(timer);
  }, [input]);

  const list = useUserList({ search, sort, cursor: cursors.at(-1) ?? null, limit: PAGE_SIZE });
  const changeSort = (next: string) => {
    setSort(next);
    setCursors([null]);
  };
  const toggle = (user: UserJson, enabled: boolean) => {
    if (!enabled) return setToDisable(user);
    setEnabled.mutate(
      { id: user.id, enabled },
      {
        onError: (err) =>
          setNotice({ tone: "error", text: `${user.email} could not be enabled: ${errorMessage(err)}` }),
      },
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <label className="relative block w-full max-w-md">
          <span className="sr-only">Search users</span>
          <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 h-4 w-4 text-slate-400" />
          <input
            type="search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="Search by email, name or username"
            className={`${controlClass} pl-9`}
          />
        </label>
        {list.isFetching ? <LoaderCircle aria-label="Loading" className="h-4 w-4 animate-spin text-slate-400" /> : null}
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {list.isError ? (
        <Alert tone="error" title="The users could not be loaded">
          <p>{errorMessage(list.error)}</p>
          <Button type="button" variant="secondary" className="mt-2 px-3 py-1.5 text-xs" onClick={() => list.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : list.data ? (
        <>
          <UserTable
            users={list.data.items}
            sort={sort}
            onSort={changeSort}
            canManage={canManage}
            currentUserId={currentUserId}
            onToggle={toggle}
            busy={setEnabled.isPending}
            empty={search ? `No user matches "${search}".` : "No users yet."}
          />
          <ListPager
            page={cursors.length}
            pageSize={PAGE_SIZE}
            shown={list.data.items.length}
            total={list.data.total}
            onPrevious={cursors.length > 1 ? () => setCursors((c) => c.slice(0, -1)) : undefined}
            onNext={list.data.nextCursor ? () => setCursors((c) => [...c, list.data!.nextCursor]) : undefined}
          />
        </>
      ) : (
        <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
          <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />
          Loading users…
        </p>
      )}
      <DisableUserDialog
        user={toDisable}
        onClose={() => setToDisable(null)}
        onDisabled={(user) =>
          setNotice({ tone: "success", text: `${user.email} is disabled; their sessions have ended.` })
        }
      />
    </div>
  );
}
