import { type EvalClash, r } from './types.js';

/**
 * Hard negatives, part 1: namesakes (the same common name, another person: other date of
 * birth, other passport) and siblings (same family name, often the same phone, because
 * families share one handset or an agent's number). Written by hand.
 */
export const CLASHES_1: EvalClash[] = [
  {
    id: 'cl-01',
    note: 'namesakes of a common Egyptian name',
    against: 'ar-01',
    persons: [
      r('Mohamed Abdallah Hassan', { dob: '1971-03-02', nat: 'EG', pp: 'A90817263' }),
      r('Mohamed Abdalla Hasan', { dob: '1995-10-10', nat: 'EG', ph: '+971 50 100 2001' }),
      r('محمد عبدالله حسن', { year: 2001, nat: 'EG', pp: 'A44556677' }),
    ],
  },
  {
    id: 'cl-02',
    note: 'namesakes of a common Pakistani name, one Indian',
    against: 'sa-01',
    persons: [
      r('Muhammad Imran Khan', { dob: '1979-08-14', nat: 'PK', pp: 'AD7766551' }),
      r('Imran Khan', { dob: '2001-03-23', nat: 'PK' }),
      r('محمد عمران خان', { dob: '1990-06-20', nat: 'IN', pp: 'R1234987' }),
    ],
  },
  {
    id: 'cl-03',
    note: 'namesakes of a common Bangladeshi name',
    against: 'sa-02',
    persons: [
      r('Md Rafiqul Islam', { dob: '1975-02-21', nat: 'BD', pp: 'BA4433990' }),
      r('Rafiqul Islam', { dob: '1999-12-16', nat: 'BD', ph: '+966 57 999 0011' }),
    ],
  },
  {
    id: 'cl-04',
    note: 'namesakes of a common Indian name',
    against: 'hi-01',
    persons: [
      r('Rajesh Kumar', { dob: '1979-10-02', nat: 'IN', pp: 'H9988123' }),
      r('Rajesh Kumar Yadav', { dob: '1996-08-15', nat: 'IN', pp: 'V1029384' }),
    ],
  },
  {
    id: 'cl-05',
    note: 'Filipino namesakes',
    against: 'ph-01',
    persons: [
      r('Maria Cristina Santos', { dob: '1992-07-04', nat: 'PH', pp: 'P9090909A' }),
      r('Cristina Santos Reyes', { dob: '1979-01-19', nat: 'PH' }),
    ],
  },
  {
    id: 'cl-06',
    note: 'Indonesian namesakes, different fathers',
    against: 'id-01',
    persons: [
      r('Siti Aminah', { dob: '1995-11-01', nat: 'ID', pp: 'B7777123' }),
      r('Siti Aminah binti Ahmad', { dob: '1982-06-30', nat: 'ID' }),
    ],
  },
  {
    id: 'cl-07',
    note: 'Ethiopian namesakes',
    against: 'et-01',
    persons: [
      r('Tigist Bekele', { dob: '1990-05-05', nat: 'ET', pp: 'EP0000123' }),
      r('Tigist Bekele Tadesse', { dob: '2000-09-12', nat: 'ET' }),
    ],
  },
  {
    id: 'cl-08',
    note: 'Yemeni namesake and a Somali one of the same age',
    against: 'ar-27',
    persons: [
      r('Maryam Ali', { dob: '1970-03-03', nat: 'YE' }),
      r('مريم علي سعيد', { dob: '1994-07-01', nat: 'SO', pp: 'P00112233' }),
    ],
  },
  {
    id: 'cl-09',
    note: 'Sikh namesakes, one born the same year',
    against: 'hi-07',
    persons: [
      r('Gurpreet Singh', { dob: '1975-04-14', nat: 'IN', pp: 'F5566001' }),
      r('Gurpreet Singh Gill', { dob: '1988-11-20', nat: 'IN', pp: 'W7766002' }),
    ],
  },
  {
    id: 'cl-10',
    note: 'Kenyan namesakes',
    against: 'ke-02',
    persons: [
      r('Joseph Otieno', { dob: '1980-02-02', nat: 'KE', pp: 'AK5555111' }),
      r('Joseph Odhiambo', { dob: '1995-06-06', nat: 'KE' }),
    ],
  },
  {
    id: 'cl-11',
    note: 'brothers sharing a family name and a phone',
    against: 'sa-04',
    persons: [
      r('Zahid Mehmood', { dob: '1988-01-01', nat: 'PK', ph: '+974 3344 5511' }),
      r('Khalid Mehmood', { dob: '1991-10-09', nat: 'PK', ph: '0097433445511', pp: 'KP1122007' }),
    ],
  },
  {
    id: 'cl-12',
    note: 'Sudanese siblings sharing a phone',
    against: 'ar-35',
    persons: [
      r('Khadija Mohammed Hamid', { dob: '1994-03-15', nat: 'SD', ph: '+971 50 909 1212' }),
      r('Omar Mohammed Hamid', { dob: '1985-12-20', nat: 'SD', ph: '00971509091212' }),
      r('فاطمة محمد حامد', { year: 1991, nat: 'SD', ph: '971509091212' }),
    ],
  },
  {
    id: 'cl-13',
    note: 'Nepali sisters sharing a phone',
    against: 'hi-05',
    persons: [r('Gita Kumari Shrestha', { dob: '1993-05-30', nat: 'NP', ph: '+971 55 010 2030' })],
  },
  {
    id: 'cl-14',
    note: 'Indonesian sisters sharing a phone',
    against: 'id-03',
    persons: [
      r('Nur Aini', { dob: '1990-02-14', nat: 'ID', ph: '+968 9555 1234' }),
      r('نور عزة', { year: 1996, nat: 'ID', ph: '0096895551234' }),
    ],
  },
  {
    id: 'cl-15',
    note: 'Filipino siblings sharing a phone',
    against: 'ph-03',
    persons: [
      r('Rosalie Villanueva', { dob: '1985-10-10', nat: 'PH', ph: '+974 3121 4151' }),
      r('Rowel Villanueva', { dob: '1991-04-04', nat: 'PH', ph: '97431214151', pp: 'P4443332C' }),
    ],
  },
  {
    id: 'cl-16',
    note: 'Bangladeshi brothers sharing a phone',
    against: 'sa-12',
    persons: [
      r('Abdul Rahim Sheikh', { dob: '1982-07-07', nat: 'BD', ph: '+966 53 210 9988' }),
      r('عبدالرزاق شيخ', { year: 1979, nat: 'BD', ph: '00966532109988' }),
    ],
  },
  {
    id: 'cl-17',
    note: 'same name, other nationality, same year',
    against: 'sa-09',
    persons: [r('Mohammed Salim Ansari', { dob: '1988-02-20', nat: 'PK', pp: 'AK3344221' })],
  },
  {
    id: 'cl-18',
    note: 'same name, Chadian not Sudanese',
    against: 'ar-22',
    persons: [r('Idris Adam', { dob: '1985-02-02', nat: 'TD' })],
  },
  {
    id: 'cl-19',
    note: 'same name, Jordanian not Sudanese',
    against: 'ar-37',
    persons: [r('Hanan Yousef Abdullah', { dob: '1990-05-17', nat: 'JO', pp: 'R998877' })],
  },
];
