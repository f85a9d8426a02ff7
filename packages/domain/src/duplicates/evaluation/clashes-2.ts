import { type EvalClash, r } from './types.js';

/**
 * Hard negatives, part 2: same name with a different passport of the same country,
 * names that differ only in vowels or one letter, placeholder birth dates (1 January),
 * and groups of look-alike names with no `against` identity. Written by hand.
 */
export const CLASHES_2: EvalClash[] = [
  {
    id: 'cl-20',
    note: 'Ugandan namesake',
    against: 'ug-03',
    persons: [r('Aisha Nakato', { dob: '1990-04-21', nat: 'UG', pp: 'B1111222' })],
  },
  {
    id: 'cl-21',
    note: 'same name, Sudanese not Egyptian, same year',
    against: 'ar-06',
    persons: [r('Ahmed Mahmoud El Sayed', { dob: '1984-02-11', nat: 'SD', pp: 'P07070707' })],
  },
  {
    id: 'cl-22',
    note: 'same name, Indian not Bangladeshi',
    against: 'sa-06',
    persons: [r('Nasir Uddin Ahmed', { dob: '1992-03-03', nat: 'IN', pp: 'U5544332' })],
  },
  {
    id: 'cl-23',
    note: 'same name, other passport of the same country',
    against: 'hi-13',
    persons: [
      r('Manoj Kumar Sharma', { dob: '1980-12-12', nat: 'NP', pp: '07712345' }),
      r('Manoj Sharma', { nat: 'NP', pp: '01234598' }),
    ],
  },
  {
    id: 'cl-24',
    note: 'same name, other Philippine passport',
    against: 'ph-02',
    persons: [r('Jonathan Bautista', { year: 1975, nat: 'PH', pp: 'P1112223A' })],
  },
  {
    id: 'cl-25',
    note: 'same name, other Ethiopian passport',
    against: 'et-03',
    persons: [r('Hiwot Kebede', { dob: '2001-07-07', nat: 'ET', pp: 'EP9090901' })],
  },
  {
    id: 'cl-26',
    note: 'brothers, names one letter apart, same phone',
    against: 'ar-09',
    persons: [r('Hadi Abbas Kadhim', { dob: '1992-08-08', nat: 'IQ', ph: '+964 770 123 4455' })],
  },
  {
    id: 'cl-27',
    note: 'older namesake',
    against: 'ar-31',
    persons: [r('Hesham Saad', { dob: '1966-06-06', nat: 'EG', pp: 'A00011122' })],
  },
  {
    id: 'cl-28',
    note: 'shares two of three names, same year',
    against: 'sa-07',
    persons: [r('Syed Ali Abbas', { dob: '1995-09-01', nat: 'PK', pp: 'AR1100223' })],
  },
  {
    id: 'cl-29',
    note: 'Ali with Hassan / Hussain / Hasina: vowels differ only',
    persons: [
      r('Hassan Ali', { dob: '1980-01-10', nat: 'PK', pp: 'AA1010101' }),
      r('Hussain Ali', { dob: '1992-05-05', nat: 'PK', pp: 'AA2020202' }),
      r('Hasina Ali', { dob: '1999-09-09', nat: 'BD' }),
      r('حسن علي', { year: 1970, nat: 'PK' }),
    ],
  },
  {
    id: 'cl-30',
    note: 'Maria / Mario / Marissa Santos',
    persons: [
      r('Maria Santos', { dob: '1970-05-05', nat: 'PH' }),
      r('Mario Santos', { dob: '1985-08-08', nat: 'PH', pp: 'P6060606A' }),
      r('Marissa Santos', { dob: '1990-10-10', nat: 'PH', pp: 'P7070707A' }),
    ],
  },
  {
    id: 'cl-31',
    note: 'Siti Nur… look-alikes',
    persons: [
      r('Siti Nurhaliza', { dob: '1990-03-11', nat: 'ID' }),
      r('Siti Nurhayati', { dob: '1985-07-07', nat: 'ID', pp: 'C9090909' }),
      r('Siti Nur Aisyah', { dob: '1995-12-01', nat: 'ID' }),
      r('ستي نور عائشة', { year: 1995, nat: 'MY' }),
    ],
  },
  {
    id: 'cl-32',
    note: 'Kenyan look-alikes, one born the same year',
    against: 'ke-01',
    persons: [
      r('Mary Wanjiru', { dob: '1990-01-15', nat: 'KE' }),
      r('Mercy Wanjiru', { dob: '1994-11-02', nat: 'KE', pp: 'AK6677889' }),
    ],
  },
  {
    id: 'cl-33',
    note: 'Ethiopian sisters: same father name as second name, same phone',
    against: 'et-02',
    persons: [
      r('Selam Alemayehu', { dob: '1990-02-02', nat: 'ET', ph: '+971 50 700 3030' }),
      r('Bethlehem Alemayehu Tadesse', { dob: '1996-06-06', nat: 'ET', ph: '971507003030' }),
    ],
  },
  {
    id: 'cl-34',
    note: 'brothers Khaled and Khalil',
    against: 'ar-07',
    persons: [r('Khalil Yousef Odeh', { dob: '1978-09-09', nat: 'JO', pp: 'R771100' })],
  },
  {
    id: 'cl-35',
    note: 'abd- names sharing the placeholder birth date 1 January',
    persons: [
      r('Abdul Rahman', { dob: '1990-01-01', nat: 'BD' }),
      r('Abdul Rahim', { dob: '1990-01-01', nat: 'BD' }),
      r('Abdur Razzak', { dob: '1990-01-01', nat: 'BD' }),
      r('عبد الرؤوف', { year: 1990, nat: 'BD', pp: 'BD1234567' }),
    ],
  },
  {
    id: 'cl-36',
    note: 'Hindu namesakes with Kumar',
    persons: [
      r('Sunil Kumar', { dob: '1985-05-05', nat: 'IN' }),
      r('Anil Kumar', { dob: '1985-05-05', nat: 'IN' }),
      r('Sunil Kumar Singh', { dob: '1972-02-02', nat: 'IN' }),
      r('سونيل كومار', { year: 1995, nat: 'NP' }),
    ],
  },
  {
    id: 'cl-37',
    note: 'Mohammed + one other common name',
    persons: [
      r('Mohammed Ali', { dob: '1990-01-01', nat: 'SD' }),
      r('Mohammed Ahmed', { dob: '1990-01-01', nat: 'SD' }),
      r('Ahmed Ali', { dob: '1990-01-01', nat: 'SD' }),
      r('محمد حسن', { year: 1990, nat: 'SD' }),
    ],
  },
  {
    id: 'cl-38',
    note: 'Fatima with different second names',
    persons: [
      r('Fatima Begum', { dob: '1980-08-08', nat: 'BD' }),
      r('Fatima Khatun', { dob: '1980-08-08', nat: 'BD' }),
      r('Fatema Akter', { year: 1981, nat: 'BD' }),
      r('فاطمة بيجوم', { year: 1996, nat: 'BD' }),
    ],
  },
];
