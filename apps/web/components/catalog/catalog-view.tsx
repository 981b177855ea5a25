// The catalog page: users' assemblies, the stock assemblies of templates/, and the classes — all
// that can be placed on a canvas, as tabs.
import { PageHeader } from '../shell/page-header';
import { AssemblyTable } from './assembly-table';
import { CatalogTabs } from './catalog-tabs';
import { ClassCatalogTable } from './class-catalog-table';
import { StockAssemblyList } from './stock-assembly-list';
import type { AssemblyItem, CatalogClassItem, StockAssemblyItem } from './types';

export function CatalogView(props: { tab: string; assemblies: AssemblyItem[]; stock: StockAssemblyItem[]; classes: CatalogClassItem[] }) {
  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <PageHeader
        title="Catalog"
        description="What you can place in a VDC: assemblies saved by you or shared with you, the stock assemblies that come with Colo, and the classes of appliance."
      />
      <CatalogTabs
        initial={props.tab}
        tabs={[
          { id: 'assemblies', label: 'Assemblies', count: props.assemblies.length, panel: <AssemblyTable assemblies={props.assemblies} /> },
          { id: 'stock', label: 'Stock assemblies', count: props.stock.length, panel: <StockAssemblyList assemblies={props.stock} /> },
          { id: 'classes', label: 'Classes', count: props.classes.length, panel: <ClassCatalogTable classes={props.classes} /> },
        ]}
      />
    </div>
  );
}
