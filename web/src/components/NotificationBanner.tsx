import type { ReactNode } from 'react';

/** NHS.UK notification banner; the success variant is announced (role=alert). */
export function NotificationBanner({ title, heading, children, success, id = 'notification-banner-title' }: { title: string; heading: ReactNode; children?: ReactNode; success?: boolean; id?: string }) {
  return (
    <div className={`nhsuk-notification-banner${success ? ' nhsuk-notification-banner--success' : ''}`} role={success ? 'alert' : 'region'} aria-labelledby={id} data-module="nhsuk-notification-banner">
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <h3 className="nhsuk-notification-banner__heading">{heading}</h3>
        {children}
      </div>
    </div>
  );
}
