import { Forbidden } from "@/components/shell/forbidden";
import { TemplateEditor } from "@/components/templates/template-editor";
import { PageHeader } from "@/components/ui/empty-state";
import { canOpenPage } from "@/lib/auth/page-permission";
import { pageCtx } from "@/lib/http/page-ctx";
import { loadTemplate } from "@/lib/mail/outbox";
import { TEMPLATE_KEYS, TEMPLATES } from "@/lib/mail/templates";

export default async function NotificationTemplatesPage() {
  if (!(await canOpenPage("/settings/notification-templates"))) return <Forbidden />;
  const { db } = await pageCtx();
  const templates = await Promise.all(TEMPLATE_KEYS.map(async (key) => ({ key, ...(await loadTemplate(db, key)) })));
  return (
    <>
      <PageHeader title="Notification Templates" />
      <p className="mb-6 max-w-3xl text-sm text-slate-500">
        The mails the app sends. Values put into #Placeholders# are escaped, so a name can never inject markup or links.
      </p>
      <div className="space-y-6">
        {templates.map((t) => (
          <TemplateEditor
            key={t.key}
            templateKey={t.key}
            name={TEMPLATES[t.key].name}
            placeholders={TEMPLATES[t.key].placeholders}
            subject={t.subject}
            body={t.body}
          />
        ))}
      </div>
    </>
  );
}
