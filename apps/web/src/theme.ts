import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Government blue (primary) and a Pemda green accent.
const sidakin: MantineColorsTuple = [
  '#e7f0fa',
  '#cfdff2',
  '#9ebee6',
  '#6a9bd9',
  '#417ecf',
  '#276bc9',
  '#1861c7',
  '#0b51b0',
  '#0b4a8b',
  '#073566',
];
const pemda: MantineColorsTuple = [
  '#e6f8ef',
  '#d3eedf',
  '#a8dbbf',
  '#79c79d',
  '#52b681',
  '#39ab6e',
  '#2aa664',
  '#1b9153',
  '#0f8048',
  '#006e3b',
];

export const theme = createTheme({
  primaryColor: 'sidakin',
  primaryShade: { light: 8, dark: 5 },
  colors: { sidakin, pemda },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: {
    fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
    fontWeight: '700',
  },
  components: {
    // The required mark is drawn by CSS (styles.css) so that a label's text stays exactly its words.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    // Badges in narrow table cells keep their full text instead of an ellipsis.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
  },
});
